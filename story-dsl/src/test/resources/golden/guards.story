// Option guards hide options; the default is taken on timeout, and when the default's
// option is hidden the first shown option is taken instead. Option assignments run
// only when their option is taken, and later scenes see them.
title: Market Day

var coins = 2
var has_key = false
var sold_hat = false

=== market ===
shot 4s title "Market day. Coins: {coins}."
choice 3s default gate
  * "Open the gate" if has_key -> gate weight 2
  * "Sell your hat" if not sold_hat ~ coins += 3 ~ sold_hat = true -> market
  * "Buy the key" if coins >= 4 and not has_key ~ coins -= 4 ~ has_key = true -> market weight 0.5
  * "Go home" -> home

=== gate ===
shot 5s generate "an iron gate swings open onto an orchard"
  caption "{coins} coin left, and the key turns."
-> END

=== home ===
if sold_hat
  shot 3s title "Home, hatless, with {coins} coins."
else
  shot 3s title "Home, hat on, with {coins} coins."
end
-> END

// expect: BL0023 3:1
var seen = false
title: A title in the wrong file
=== more ===
if not seen
  ~ seen = true
  -> start
end
-> END

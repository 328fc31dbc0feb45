// expect: BL0102 7:1
var key = false
var coins = 0
=== start ===
shot 4s color "#000000"
~ coins += 1
choice 2s
  * "Open the door" if key -> END
  * "Pay" if coins > 2 -> start

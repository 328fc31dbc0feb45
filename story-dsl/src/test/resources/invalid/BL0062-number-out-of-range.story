// expect: BL0062 9:8
// expect: BL0062 11:25
// expect: BL0062 12:28
// expect: BL0062 14:33
// Weights, seeds and default answers have limits.
var name = ""
=== start ===
shot 4s color "#000000"
  seed 1.5
choice 2s
  * "Go" -> next weight 1000001
  * "Stay" -> start weight 0
=== next ===
ask name "Who are you?" default "   " -> bye
=== bye ===
shot 1s title "Bye, {name}"
-> END

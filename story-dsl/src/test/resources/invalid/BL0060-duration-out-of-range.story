// expect: BL0060 7:10
// expect: BL0060 10:6
// expect: BL0060 11:6
// expect: BL0060 12:19
// expect: BL0060 13:8
// expect: BL0060 16:17
segment: 8s
var name = ""
=== start ===
shot 50ms color "#000000"
shot 601s color "#000000"
  transition fade 0ms
choice 601s
  * "On" -> next
=== next ===
ask name "Who?" 700s -> bye
=== bye ===
shot 1s title "Bye, {name}"
-> END

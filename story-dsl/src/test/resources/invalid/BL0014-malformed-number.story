// expect: BL0014 6:6
// expect: BL0014 7:7
// A plain number where a duration belongs, and a number with junk after it.
var x = 0
=== start ===
shot 4 color "#000000"
~ x = 3e5
shot 2s title "{x}"
-> END

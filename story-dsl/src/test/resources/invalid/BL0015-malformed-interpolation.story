// expect: BL0015 7:22
// expect: BL0015 8:22
// expect: BL0015 9:22
// expect: BL0015 10:28
var name = "Rook"
=== start ===
shot 1s title "Hello {name"
shot 1s title "Hello {}"
shot 1s title "Hello } {name}"
shot 1s title "Hello {name name}"
-> END

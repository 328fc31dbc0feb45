// expect: BL0028 3:1
// A shot before the first scene line.
shot 2s color "#000000"
=== start ===
shot 2s color "#000000"
-> END

// expect: BL0013 6:1
// A block comment that never closes, after the last statement.
=== start ===
shot 2s color "#000000"
-> END
/* notes for later:
   add a second scene

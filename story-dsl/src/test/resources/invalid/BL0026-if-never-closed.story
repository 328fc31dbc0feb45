// expect: BL0026 6:1
// The 'if' runs into the next scene without its 'end'.
var ok = true
=== start ===
shot 2s color "#000000"
if ok
  -> END
else
  -> other
=== other ===
shot 1s color "#000000"
-> END

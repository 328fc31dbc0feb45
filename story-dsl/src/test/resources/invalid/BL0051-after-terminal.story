// expect: BL0051 6:1
// expect: BL0051 11:3
var ok = true
=== start ===
-> other
shot 2s color "#000000"
=== other ===
shot 2s color "#000000"
if ok
  -> END
  ~ ok = false
end
-> END

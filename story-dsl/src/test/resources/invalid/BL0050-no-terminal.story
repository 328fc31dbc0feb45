// expect: BL0050 5:5
// expect: BL0050 11:5
// A scene that just stops, and one where only some paths end.
var ok = true
=== start ===
shot 2s color "#000000"
if ok
  -> other
end

=== other ===
shot 2s color "#000000"
if ok
  -> END
elif not ok
  shot 1s color "#000000"
else
  -> END
end

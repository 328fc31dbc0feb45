// expect: BL0029 4:5
// expect: BL0029 8:6
// A variable named like a keyword, and 'end' written for END.
var choice = 1
=== start ===
shot 2s color "#000000"
if visits(start) > 1
  -> end
end
-> END

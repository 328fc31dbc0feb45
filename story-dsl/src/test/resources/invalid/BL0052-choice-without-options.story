// expect: BL0052 7:3
// A choice line with no option after it.
=== start ===
shot 2s color "#000000"
if visits(start) > 1
  shot 1s color "#000000"
  choice 2s
end
-> END

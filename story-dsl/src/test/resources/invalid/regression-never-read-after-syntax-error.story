// expect: BL0020 7:11
// 'trust' is read on the broken line, so "never read" (BL0101) is a false warning.
var trust = 0
=== start ===
shot 1s color "#000000"
~ trust += 1
if trust >
  -> END
end
-> END

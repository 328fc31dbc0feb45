// expect: BL0020 13:9
// expect: BL0020 15:9
// expect: BL0020 16:11
// expect: BL0020 17:7
// expect: BL0020 20:6
// expect: BL0032 26:3
// expect: BL0030 28:6
// Five different syntax errors on five lines of the first scene: every one is reported,
// and the scenes after them are still checked (an unknown variable, an unknown scene).
var trust = 0
var name = ""
=== start ===
shot 2s generat "a door"
shot 1s title "{trust} {name}"
~ trust + 1
if trust >
  ask "Name?" -> middle
end
if trust < 0
  -> 42
end
-> middle

=== middle ===
shot 2s color "#000000"
~ mood = "calm"
if visits(middle) > 1
  -> nowhere
end
-> END

// expect: BL0040 13:4
// expect: BL0040 14:13
// expect: BL0040 15:13
// expect: BL0040 16:13
// expect: BL0040 18:17
// expect: BL0040 18:34
// expect: BL0040 18:46
// expect: BL0040 19:5
var trust = 0
var name = "Rook"
var brave = false
=== start ===
if trust
  ~ trust = "high"
  ~ brave = 1
  ~ name -= "R"
end
shot 2s title "{trust == name} {-brave} {not name}"
ask trust "How much?" -> next
=== next ===
shot 2s title "{name}"
-> END

// expect: BL0032 7:3
// expect: BL0032 8:17
// expect: BL0032 9:5
var trust = 0
=== start ===
shot 2s title "{trust}"
~ trsut += 1
shot 2s title "{mood}"
ask name "Who?" -> END

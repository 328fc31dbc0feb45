// expect: BL0033 3:5
var trust = 0
var trust = "high"
=== start ===
shot 2s title "{trust}"
-> END

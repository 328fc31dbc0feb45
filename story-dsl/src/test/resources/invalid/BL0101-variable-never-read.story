// expect: BL0101 3:5
// 'gold' is written but never read.
var gold = 0
=== start ===
shot 2s color "#000000"
~ gold += 10
-> END

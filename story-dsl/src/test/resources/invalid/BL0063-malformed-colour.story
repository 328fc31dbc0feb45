// expect: BL0063 5:15
// expect: BL0063 6:15
// expect: BL0063 7:15
=== start ===
shot 2s color "#12345"
shot 2s color "red"
shot 2s color "#GG0000"
-> END

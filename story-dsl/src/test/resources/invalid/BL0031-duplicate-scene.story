// expect: BL0031 5:5
=== start ===
shot 2s color "#000000"
-> END
=== start ===
shot 2s color "#101010"
-> END

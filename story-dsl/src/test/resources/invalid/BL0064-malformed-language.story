// expect: BL0064 2:11
language: english!
=== start ===
shot 2s color "#000000"
-> END

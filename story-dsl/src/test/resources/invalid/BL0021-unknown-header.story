// expect: BL0021 3:1
// A misspelt header key.
titel: The Heist
=== start ===
shot 2s color "#000000"
-> END

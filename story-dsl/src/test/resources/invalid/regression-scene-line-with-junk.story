// expect: BL0020 8:15
// expect: BL0032 10:3
// Junk after a scene's name is one syntax error: the scene still exists (so '-> vault'
// is no unknown scene) and its body is still checked (the unknown variable).
=== start ===
shot 2s color "#000000"
-> vault
=== vault === door
shot 2s color "#000000"
~ nope = 1
-> END

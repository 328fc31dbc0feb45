// expect: BL0012 4:19
// Only \" \\ \n \{ \} are escapes.
=== start ===
shot 2s title "Tab\there"
-> END

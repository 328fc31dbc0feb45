// expect: BL0020 4:17
// A generate shot without its prompt.
=== start ===
shot 2s generate
-> END

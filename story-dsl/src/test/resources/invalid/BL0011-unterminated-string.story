// expect: BL0011 4:15
// The closing quote is missing; the line still ends the string.
=== start ===
shot 2s title "The end
-> END

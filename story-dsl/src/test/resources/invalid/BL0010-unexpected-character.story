// expect: BL0010 4:24
// expect: BL0010 5:8
=== start ===
shot 1s title "The end";
-> END ¶

// expect: BL0041 4:8
// expect: BL0041 5:12
// expect: BL0041 8:10
title: "{name}'s story"
var name = "{x}"
=== start ===
shot 2s title "{name}"
~ name = "{name}" + "!"
-> END

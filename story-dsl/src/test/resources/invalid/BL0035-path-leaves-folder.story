// expect: BL0035 3:9
// expect: BL0035 5:15
include "../outside.story"
=== start ===
shot 2s image "../../outside.png"
-> END

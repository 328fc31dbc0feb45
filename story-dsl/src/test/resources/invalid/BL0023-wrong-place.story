// expect: BL0023 5:1
// expect: BL0023 6:1
// expect: BL0023 7:1
=== start ===
var late = 1
title: Too late
include "other.story"
shot 2s color "#000000"
-> END

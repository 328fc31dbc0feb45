// expect: BL0038 3:9
// The cycle is reported where it closes.
include "a.story"
=== b ===
shot 2s color "#000000"
-> END

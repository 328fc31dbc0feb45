// expect: BL0037 3:9
// The included file does not exist.
include "chapters/missing.story"
=== start ===
shot 2s color "#000000"
-> END

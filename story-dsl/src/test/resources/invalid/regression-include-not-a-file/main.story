// expect: BL0037 4:9
// expect: BL0037 5:9
// An empty include path and a folder are reported at the include line, in this file.
include ""
include "chapters"
=== start ===
shot 2s color "#000000"
-> END

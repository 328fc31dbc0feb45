// expect: BL0022 4:1
// The same header key twice.
title: The Heist
title: The Other Heist
=== start ===
shot 2s color "#000000"
-> END

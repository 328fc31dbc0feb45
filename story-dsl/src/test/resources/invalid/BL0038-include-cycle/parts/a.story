include "b.story"
=== a ===
shot 2s color "#000000"
-> b

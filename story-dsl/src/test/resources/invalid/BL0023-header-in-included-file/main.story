// Headers belong in the main file only.
include "scenes.story"
=== start ===
shot 2s color "#000000"
-> more

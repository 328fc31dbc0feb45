// main.story includes parts/a.story, which includes b.story, which includes a.story again.
include "parts/a.story"
=== start ===
shot 2s color "#000000"
-> a

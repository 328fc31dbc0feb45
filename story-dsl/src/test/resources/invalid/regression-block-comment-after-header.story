// expect: nothing
// The spec allows /* … */ comments across lines anywhere outside strings,
// also after a header's value.
title: The Heist /* working title,
   to be changed */
format: 720x1280 30fps /* vertical */
start: start /* the first scene */
segment: 2s /* the default */
=== start ===
shot 2s color "#000000"
-> END

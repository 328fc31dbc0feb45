// A hub that branches to two colours and back, for the player's end-to-end tests: each
// scene has its own colour so a test can tell by the video's pixels which one plays.
title: Fork
author: Branchline tests
format: 360x640 30fps
segment: 1s

=== hub ===
shot 3s color "#d02020"
  caption "Which way?"
choice 2s default green
  * "Green" -> green
  * "Blue" -> blue
  * "Stop" -> END

=== green ===
shot 2s color "#20c040"
  caption "Green it is."
-> hub

=== blue ===
shot 2s color "#2040e0"
  caption "Blue it is."
-> hub

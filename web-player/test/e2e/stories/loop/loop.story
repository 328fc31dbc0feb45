// Three scenes that branch into each other for ever, for the player benchmark: one
// second of video each, a half-second window, so every second is a branch transition.
title: Loop
author: Branchline tests
format: 360x640 30fps
segment: 0.5s

=== red ===
shot 1s color "#d02020"
choice 500ms default green
  * "Green" -> green
  * "Blue" -> blue

=== green ===
shot 1s color "#20c040"
choice 500ms default blue
  * "Blue" -> blue
  * "Red" -> red

=== blue ===
shot 1s color "#2040e0"
choice 500ms default red
  * "Red" -> red
  * "Green" -> green

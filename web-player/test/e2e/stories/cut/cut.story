// A choice with `cut`, for the player's end-to-end tests: a pick ends the red scene at the
// next segment boundary instead of at the end of its video.
title: Cut
author: Branchline tests
format: 360x640 30fps
segment: 1s

=== hub ===
shot 5s color "#d02020"
choice 4s default green cut
  * "Green" -> green
  * "Blue" -> blue

=== green ===
shot 2s color "#20c040"
-> END

=== blue ===
shot 2s color "#2040e0"
-> END

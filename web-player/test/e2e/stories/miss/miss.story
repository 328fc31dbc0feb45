// A prediction that misses, for the bridge test: the author says almost nobody takes "Rare",
// so only "Green" is rendered ahead; "Rare" is a generated shot, rendered only once picked
// and styled, with 2 s segments and a 500 ms window, so its first segment is late.
title: Miss
author: Branchline tests
format: 360x640 30fps
segment: 2s

=== hub ===
shot 2s color "#d02020"
choice 500ms default green
  * "Green" -> green weight 99
  * "Rare" -> rare weight 1

=== green ===
shot 1s color "#20c040"
-> END

=== rare ===
shot 2s generate "waves under a night sky"
  style "oil painting, heavy brush strokes"
  seed 7
-> END

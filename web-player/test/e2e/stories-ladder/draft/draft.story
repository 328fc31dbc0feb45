// For the render ladder's browser test: the first scene is styled, so its draft (styled at
// half size, every second frame, scaled up) is much cheaper than full quality, and it is
// needed at once on a cold store: the engine streams the draft first. The next scene is plain.
title: Draft
author: Branchline tests
format: 720x1280 30fps
segment: 2s

=== styled ===
shot 4s color "#d02020"
  style "oil painting, heavy brush strokes"
  seed 3
choice 1s default plain
  * "Plain" -> plain

=== plain ===
shot 2s color "#2040e0"
-> END

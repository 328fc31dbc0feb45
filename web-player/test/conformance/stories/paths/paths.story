// The third-party player conformance story: a timed default, a normal pick, a `cut` pick
// and a back, each scene in its own flat colour (so one decoded pixel tells which scene is on
// screen) with its own caption. The scenes marked "never" must never be shown in the
// conformance run (web-player/test/conformance/): the viewer never goes there.
title: Paths
author: Branchline tests
format: 360x640 30fps
segment: 1s

=== start ===
shot 4s color "#d02020"
  caption "Red: nobody picks."
choice 2s default left
  * "Left" -> left
  * "Right" -> right

=== left ===
shot 3s color "#20c040"
  caption "Green: pick Go."
choice 2s default stay
  * "Stay" -> stay
  * "Go" -> go

=== go ===
shot 5s color "#2040e0"
  caption "Blue: pick Run, or wait."
choice 4s default walk cut
  * "Walk" -> walk
  * "Run" -> run

=== run ===
shot 4s color "#e0d020"
  caption "Yellow: go back."
choice 3s default up
  * "Up" -> up
  * "Down" -> down

=== walk ===
shot 2s color "#f0f0f0"
  caption "White: the end."
-> END

// never
=== right ===
shot 3s color "#f08020"
  caption "Orange: never."
-> END

// never
=== stay ===
shot 3s color "#20c0c0"
  caption "Cyan: never."
-> END

// never
=== up ===
shot 3s color "#c020c0"
  caption "Magenta: never."
-> END

// never
=== down ===
shot 3s color "#808080"
  caption "Grey: never."
-> END

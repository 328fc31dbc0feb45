// For the render ladder's browser test. The first scene is rendered when the server starts.
// Its default, "Styled", is weighted so low that it is not rendered ahead in full: with the
// ladder on it is rendered ahead as a draft only (styled at a smaller size, every second frame,
// scaled up, much cheaper than full quality), and when the timer takes it the engine streams
// that draft. The
// last scene is plain and rendered ahead in full.
title: Draft
author: Branchline tests
format: 720x1280 30fps
segment: 2s

=== first ===
shot 2s color "#d02020"
choice 500ms default styled
  * "Styled" -> styled weight 1
  * "Other" -> plain weight 99

=== styled ===
shot 4s color "#d02020"
  style "oil painting, heavy brush strokes"
  seed 3
-> plain

=== plain ===
shot 2s color "#2040e0"
-> END

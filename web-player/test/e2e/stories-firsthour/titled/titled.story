// Title cards first and last, a caption, and an author for the credits: what the Play pill,
// the end's credits and "Watch again" must leave readable (firsthour.e2e.test.js).
title: Titled
author: A. Writer
format: 360x640 30fps
segment: 1s
=== opening ===
shot 2s title "THE TITLE CARD"
-> ending

=== ending ===
shot 2s title "THE LAST CARD\nOF A STORY\nTOLD IN THREE LINES"
  caption "A caption near the bottom."
-> END

// A question with a text field, for the player's end-to-end tests: the answer comes back
// in the next scene's caption.
title: Ask
author: Branchline tests
format: 360x640 30fps
segment: 1s

var name = "Rook"

=== door ===
shot 3s color "#d02020"
ask name "Who is there?" 2s default "Nobody" -> hall

=== hall ===
shot 2s color "#20c040"
  caption "Welcome, {name}."
-> END

// For the player's "AI" badge: a colour, a scene a model makes from a prompt, a title card.
// The badge must show during the middle one only.
title: Badge
author: Branchline tests
format: 240x426 30fps
segment: 1s

=== colour ===
shot 2s color "#d02020"
  caption "Made by hand."
-> lighthouse

=== lighthouse ===
shot 3s generate "a lighthouse in fog at dawn"
  seed 3
-> card

=== card ===
shot 2s title "The end"
-> END

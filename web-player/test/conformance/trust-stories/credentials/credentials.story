// For the Content Credentials test: a scene a model made from a prompt, then a title card.
title: Credentials
author: Branchline tests
format: 240x426 30fps
segment: 1s

=== lighthouse ===
shot 2s generate "a lighthouse in fog at dawn"
  seed 3
-> card

=== card ===
shot 1s title "The end"
-> END

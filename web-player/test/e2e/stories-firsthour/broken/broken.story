// One error: a viewer who opens it reads that the story cannot be played yet, in words.
title: Broken
=== start ===
shot 2s title "Never seen"
-> nowhere

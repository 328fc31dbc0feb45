title: Der Kopf
author: Golden Tests
format: 1280x720 60fps
segment: 0.5s
language: de-AT
start: zwei
include "header-parts.story"

=== eins ===
shot 2s title "Eins, {wort}"
-> END

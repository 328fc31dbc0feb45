// expect: BL0103 2:5
=== start ===
shot 2s color "#000000"
choice
  * "Again" -> start
  * "Elsewhere" -> elsewhere

=== elsewhere ===
shot 2s color "#000000"
-> start

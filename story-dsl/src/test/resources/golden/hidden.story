// When every option is hidden and no shown option is the default, the story stops;
// the checker warns where every option has an 'if'.
title: Hidden

var lamp = false

=== dark ===
shot 3s color "#000000"
  caption "Pitch black. Visit {visits(dark)}."
choice 3s default lit
  * "Light the lamp" if lamp -> lit
  * "Feel around" if visits(dark) == 1 -> dark

=== lit ===
shot 2s color "#FFD080"
-> END

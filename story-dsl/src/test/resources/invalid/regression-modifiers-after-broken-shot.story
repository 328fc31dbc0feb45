// expect: BL0020 5:9
// One misspelt source: its caption and transition lines are still that shot's
// modifiers, not misplaced ones (no BL0027).
=== start ===
shot 4s generat "a door in the rain"
  caption "Midnight."
  transition fade 1s
-> END

// expect: BL0014 7:6
// expect: BL0014 8:8
// One malformed duration is one error: not a second BL0014 that suggests "4secs",
// not a BL0020 on the choice line, and the options still belong to their choice
// (no "an option must follow a choice line", no unreachable 'next', no "never ends").
=== start ===
shot 4sec color "#000000"
choice 11m
  * "On" -> next
=== next ===
shot 1s color "#000000"
-> END

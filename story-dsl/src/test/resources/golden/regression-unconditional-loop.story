// Known checker gap (left failing on purpose): 'spin' routes to itself on every path
// without video. Its assignment cannot end the loop, since nothing on the loop ever
// tests anything, yet the checker lets it pass because "something changes a variable".
// The spec calls "a cycle of scenes that can loop forever without showing a shot or
// asking the viewer" an error.
title: Unconditional loop

var turns = 0

=== start ===
shot 2s title "Turns: {turns}"
choice
  * "Spin" -> spin
  * "Stop" -> END

=== spin ===
~ turns += 1
-> spin

// Routing through scenes that show nothing: each visit's route lists every scene
// entered on the way, and visits() and variables grow on each pass.
title: Routing
start: door

var knocks = 0
var log = ""

== door
~ knocks += 1
~ log += "d"
-> hall

== hall ==
~ log += "h"
if knocks < 3
  -> porch
end
-> inside

=== porch ===
shot 4s title "Knock number {knocks}."
  caption "Door {visits(door)}, hall {visits(hall)}, porch {visits(porch)}"
choice 3s
  * "Knock again" -> door
  * "Walk away" -> away

=== away ===
// a scene that only routes, straight to the end
-> END

=== inside ===
shot 3s title "The door opens after {knocks} knocks."
  caption "Route so far: {log}"
-> END

// Choice windows: the default window is 5s; a window longer than the scene's video
// is shortened to it; in a scene with no video it is the whole time; cut is passed on.
// Ask windows are shortened the same way.
title: Windows

var long = true
var nothing = ""

=== first ===
if long
  shot 8s color "#202020"
else
  shot 2s color "#202020"
end
choice 6s cut
  * "Again, short" ~ long = false -> first
  * "Go on" -> plain

=== plain ===
shot 6s color "#303030"
choice default END
  * "Stay" -> dark
  * "Leave" -> END

=== dark ===
// no video at all: the window is the whole time the viewer gets
choice 7s default END
  * "Wait" -> question
  * "Leave" -> END

=== question ===
shot 2s color "#404040"
ask nothing "Anything to add?" 8s -> said

=== said ===
shot 1s title "You said: {nothing}"
-> END

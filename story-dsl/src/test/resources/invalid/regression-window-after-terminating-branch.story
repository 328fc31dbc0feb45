// expect: BL0104 12:8
// The 10s of video in the 'if' never reaches the choice below it: that branch ends
// in its own terminal. Every viewer who sees the choice has seen 2s of video.
var long = false
=== start ===
shot 2s color "#000000"
if long
  shot 10s color "#000000"
  -> END
end
shot 0.5s color "#000000"
choice 3s
  * "Leave" -> END

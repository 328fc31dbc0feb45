// expect: BL0104 7:8
// expect: BL0104 13:10
// Both windows are longer than all the video a viewer can have seen before them.
var long = false
=== start ===
shot 1s color "#000000"
choice 3s
  * "Short" -> short
  * "Leave" -> END
=== short ===
shot 2s color "#000000"
if long
  choice 12s
    * "Leave" -> END
end
shot 10s color "#000000"
-> END

// The checker warns of a window longer than every path's video; the viewer gets the video's length.
=== only ===
shot 2s title "Quick"
choice 4s
  * "Done" -> END

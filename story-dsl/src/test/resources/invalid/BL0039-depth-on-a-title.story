// expect: BL0039 5:23
// A depth map belongs to a picture; a title card has no depth to move in.
=== start ===
shot 2s title "Earlier"
shot 2s title "Later" depth "assets/door-depth.png"
-> END

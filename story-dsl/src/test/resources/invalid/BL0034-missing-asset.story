// expect: BL0034 6:15
// expect: BL0034 7:14
// expect: BL0034 8:9
// expect: BL0034 9:15
=== start ===
shot 2s image "assets/missing.png"
shot 2s clip "assets/missing.mp4"
  audio "assets/missing.ogg"
shot 2s image ""
-> END

// expect: BL0105 5:24
=== start ===
shot 2s color "#000000"
shot 1s color "#FFFFFF"
  transition crossfade 1500ms
shot 2s color "#000000"
  transition fade 2s
-> END

// expect: BL0061 4:9
// expect: BL0061 4:9
// Odd, too small a width, and too high a frame rate: one line, two problems.
format: 143x1280 90fps
=== start ===
shot 2s color "#000000"
-> END

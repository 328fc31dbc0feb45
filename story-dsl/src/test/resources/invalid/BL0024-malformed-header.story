// expect: BL0024 5:9
// expect: BL0024 6:8
// expect: BL0024 7:10
// expect: BL0024 8:7
format: 720 by 1280
start: "start"
segment: 2 seconds
title:
=== start ===
shot 2s color "#000000"
-> END

// expect: BL0065 5:36
// expect: BL0065 6:28
// clip.mp4 beside this file is a tiny stand-in that only has an MP4 signature.
=== start ===
shot 2s clip "clip.mp4" from 5s to 2s
shot 2s clip "clip.mp4" to 0ms
shot 2s clip "clip.mp4" from 1s to 1500ms
-> END

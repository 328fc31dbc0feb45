// expect: BL0027 4:1
// expect: BL0027 7:3
=== start ===
caption "before any shot"
shot 2s color "#000000"
  caption "one"
  caption "two"
-> END

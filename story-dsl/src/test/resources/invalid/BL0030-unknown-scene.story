// expect: BL0030 4:8
// expect: BL0030 7:11
// expect: BL0030 9:4
start: lobby
=== alley ===
shot 2s color "#000000"
if visits(valt) > 1
end
-> vualt
=== vault ===
shot 2s color "#000000"
-> END

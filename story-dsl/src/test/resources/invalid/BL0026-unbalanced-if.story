// expect: BL0026 6:1
// expect: BL0026 7:1
// 'end' and 'else' with no 'if' open.
=== start ===
shot 2s color "#000000"
end
else
-> END

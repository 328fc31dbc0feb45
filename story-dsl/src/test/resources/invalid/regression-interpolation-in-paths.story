// expect: BL0041 5:9
// expect: BL0041 8:15
// An interpolation where none is allowed is one error, not also a missing include
// ('.story') or a malformed colour ('#').
include "{name}.story"
var name = "x"
=== start ===
shot 2s color "#{name}"
shot 2s title "{name}"
-> END

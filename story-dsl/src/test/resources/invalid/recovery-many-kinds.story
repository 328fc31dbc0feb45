// expect: BL0021 18:1
// expect: BL0024 19:9
// expect: BL0101 21:5
// expect: BL0028 22:1
// expect: BL0012 25:26
// expect: BL0010 26:21
// expect: BL0063 27:15
// expect: BL0011 28:15
// expect: BL0029 29:5
// expect: BL0051 33:3
// expect: BL0031 40:5
// expect: BL0040 42:4
// expect: BL0060 43:10
// expect: BL0053 43:21
// expect: BL0030 45:15
// Lexical, syntax, name, type, flow and range errors in one file: one run reports them all,
// each once, and nothing else.
auhtor: Somebody
format: wide
var count = 0
var unused = 1
~ count += 1
=== start ===
shot 2s generate "a crowd"
  caption "Count: {count}\t"
shot 1s title "Clap";
shot 1s color "#00000"
shot 1s title "unfinished
ask end "?" -> second
shot 1s color "#000000"
if count > 1
  -> END
  shot 1s color "#000000"
end
-> second

=== second ===
shot 2s color "#000000"
-> END
=== second ===
shot 2s color "#000000"
if count
  choice 0s default nowhere
    * "Stay" -> start
    * "Go" -> elsewhere
end
-> END

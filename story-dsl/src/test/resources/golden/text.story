/* Text: string joining with +, number display (3, not 3.0), escapes, interpolation,
   the story's style appended to generate prompts, shot styles, transitions and seeds. */
title: "Text \"and\" numbers"
author: Golden
style: ink wash, muted
format: 1080x1920 24fps
segment: 1500ms
label: Made with AI

var first = "Ada"
var last = "Byron"
var full = ""
var n = 3
var half = 0
var ok = true

=== start ===
~ full = first + " " + last
~ half = n / 2
~ full += "!"
shot 2s title "{full} has {n} cats, {n * 1.0} really; half is {half}."
  caption "{n + 0.5} and {10 / 4} and {7 % 4} and {-n} and {n - 5}"
shot 3s generate "a portrait of {first}"
  transition crossfade 500ms
shot 3s generate "the same portrait"
  style "van gogh"
  seed 42
shot 1500ms title "Quotes \"like this\", a backslash \\, braces \{n\}, a break\nhere" // a comment
  transition fade 1s
  style "chalk"
shot 2s color "#A0B0C0"
  caption "ok is {ok}, not {not ok}"
  transition cut
~ full = "Room " + n + ", floor " + half + ", " + ok
shot 2s title "{full}"
-> END

// Asking: answers are trimmed and must be 1 to 40 characters without control
// characters; on timeout the default is used, or the variable keeps its value.
// The answers then shape titles, captions, prompts and conditions.
title: Names

var name = "stranger"
var nick = "none"
var line = ""

=== gate ===
shot 8s title "Hello, {name}."
ask name "What is your name?" 6s default "Mara" -> yard

=== yard ===
shot 4s generate "a courtyard where someone called {name} waits"
  caption "Welcome, {name}!"
ask nick "And what do friends call you?" 4s -> home

=== home ===
~ line = name + " alias " + nick
if nick == "none"
  shot 3s title "{name} has no nickname."
elif nick == name
  shot 3s title "{name}, also known as {name}."
else
  shot 3s title "{line}"
end
choice 3s default END
  * "Pick another nickname" -> yard
  * "Good night" -> END

// An included file: variables and scenes only.
var wort = "grüß Gott"

== zwei
shot 2s generate "Straße im Schnee"
-> eins

// A story that uses most of the language at once.
title: "Routes \"and\" rooms"
author: Branchline tests
format: 1080x1920 24fps
segment: 1500ms
language: de-AT
label: "KI-generiert"
style: "pencil sketch"

var coins = 3
var mood = "calm"
var lucky = true
var guest = ""

/* The first scene asks for a name,
   then sends the viewer on. */
== hall
shot 2s title "Willkommen"
  caption "coins: {coins}, mood: {mood}"
  transition fade 300ms
shot 1.5s color "#0A0B0C"
ask guest "Wie heißt du?" 3s default "Gast" -> crossroads

=== crossroads ===
shot 3s generate "a crossroads at dawn, {guest} looks around"
  seed -7
~ coins -= 1
~ mood = mood + "!"
choice 2s default left cut
  * "Links" -> left weight 2
  * "Rechts" if coins > 0 ~ coins -= 1 ~ lucky = not lucky -> right
  * "Zurück" if visits(crossroads) < 3 -> check

=== check ===
if coins <= 0 or not lucky
  -> END
elif (coins * 2 + 1) % 3 == 0 and mood != "sad"
  -> left
else
  -> right
end

=== left ===
shot 2500ms title "\{left\} \\ done"
-> END

=== right ===
shot 2s generate "a bright road"
  style "watercolour"
-> check

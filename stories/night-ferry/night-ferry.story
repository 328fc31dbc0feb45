// The Night Ferry: a branching mystery for vertical video.
/*
   Madame Odile Brun's last symphony, the only copy, vanishes during a forty-minute
   night crossing. Every line of questioning costs ten minutes; at Dover the thief
   walks ashore. Five endings.

   night-ferry.story   the header, the variables, the crossing and the investigation
   suspects.story      the cabin and the three people worth questioning
   endings.story       the accusation and the five endings

   Recurring faces keep one seed each, so the generator draws the same person every
   time: Ilse 1951, Madame Brun 88, Penhallow 404, Tomas 212, Clara 1990.
*/
title: The Night Ferry
author: Branchline examples
format: 720x1280 30fps
segment: 2s
style: "1950s film noir, rain on glass"
start: boarding
include "suspects.story"
include "endings.story"

var minutes = 40          // until Dover
var clues = 0
var lavender = false      // someone wearing lavender was in the cabin
var tube = false          // a map tube was carried below decks
var ink = false           // blue ink on Clara's fingers
var alibi_checked = false
var accused = ""
var notes = "Your notes:"

=== boarding ===
shot 3s title "THE NIGHT FERRY"
  caption "Calais to Dover, 23:20."
  transition fade 1s
shot 4s image "assets/ferry.png" motion pan-left
  transition crossfade 800ms
  audio "assets/sea.wav" volume 0.8
shot 4s generate "an elderly woman detective in a grey trench coat at a ferry rail, sharp eyes, rain"
  caption "Ilse Varga. Retired, she tells everyone."
  seed 1951
-> alarm

=== alarm ===
shot 3s generate "a cabin door flung open in a narrow ferry corridor, warm light spilling out"
  caption "\"My symphony! Someone has taken my symphony!\""
  transition cut
shot 5s generate "a silver-haired concert pianist in an evening gown clutching an empty leather folder"
  caption "Madame Odile Brun. Her last score, the only copy."
  seed 88
shot 4s generate "the elderly detective checking her wristwatch in a ferry corridor"
  caption "Forty minutes to Dover. Ten for every question."
  seed 1951
-> hub

// The investigation: whatever is left to look into, until you name the thief.
=== hub ===
if minutes > 20
  shot 3s generate "rain streaming down the windows of a ferry lounge, passengers murmuring"
    caption "{minutes} minutes to Dover. Clues: {clues}."
    audio "assets/rain.wav" volume 0.6
elif minutes > 10
  shot 3s generate "the white cliffs of Dover faint through rain beyond a ferry's bow"
    caption "{minutes} minutes left. Clues: {clues}."
else
  // the lighthouse's beam sweeps over the ferry: its clip from the second second on
  shot 3s clip "assets/lighthouse.mp4" from 1s to 4s
    caption "The harbour lights. {minutes} minutes. Decide."
    audio "assets/sea.wav" volume 0.5
end
choice 3s default cabin
  * "Search the cabin" if visits(cabin) == 0 -> cabin weight 3
  * "The composer in the lounge" if visits(lounge) == 0 -> lounge weight 2
  * "The steward" if visits(galley) == 0 -> galley
  * "The niece, Clara" if (lavender or tube) and visits(niece) == 0 -> niece weight 2
  * "Name the thief" -> accuse

== clock
// Shows nothing: a question took ten minutes. At zero the ferry docks.
~ minutes -= 10
if minutes <= 0
  -> docked
end
-> hub

// The accusation, and the five ways the crossing can end.

=== accuse ===
shot 5s generate "passengers gathered in a ferry lounge, the elderly detective standing in the middle of them"
  caption "{notes}"
  transition crossfade 500ms
  seed 1951
choice 5s cut default docked
  * "The steward, Tomas" ~ accused = "Tomas" -> verdict
  * "The composer, Penhallow" ~ accused = "Penhallow" -> verdict
  * "The niece, Clara" if visits(niece) > 0 ~ accused = "Clara" -> verdict weight 3
  * "Say nothing" -> docked

== verdict
// Shows nothing: it only decides which ending this is.
if accused == "Clara"
  if lavender and tube and ink
    -> caught
  else
    -> slipped
  end
elif accused == "Tomas"
  -> wrong_steward
else
  -> wrong_composer
end

=== caught ===
shot 4s generate "the young woman opening a leather folio, handwritten sheet music inside"
  caption "The folio. The symphony, every page of it."
  seed 1990
shot 4s generate "the silver-haired pianist holding her score to her chest, eyes wet"
  caption "\"Forty years of music. Thank you, Inspector.\""
  seed 88
shot 3s title "SOLVED\nin {40 - minutes} minutes, with {clues} clues"
  transition fade 1s
-> END

=== slipped ===
shot 4s generate "the young woman smiling coolly as she walks down a ferry gangway into fog"
  caption "\"Prove it, Inspector.\" You cannot. Not yet."
  seed 1990
shot 4s generate "a concert poster on a London street announcing a new symphony by Clara Brun"
  caption "Six months later."
  style "faded vintage poster print"
shot 3s color "#1A1A2E"
  caption "Ending: the one that got away."
  transition fade 1s
-> END

=== wrong_steward ===
shot 4s generate "the young steward led away between two harbour policemen in the rain"
  caption "Tomas is led away, cuffs still wet."
  seed 212
shot 4s generate "a young woman watching from the ferry rail, a leather folio under her arm"
  caption "Someone at the rail looks very relieved."
  seed 1990
shot 3s color "#2E1A1A"
  caption "Ending: the wrong man."
  transition fade 1s
-> END

=== wrong_composer ===
if alibi_checked
  shot 4s generate "the composer laughing, holding his bar receipt up to the crowd"
    caption "\"22:58 to 23:31, madame. You read it yourself.\""
    seed 404
else
  shot 4s generate "the composer outraged, knocking over his brandy"
    caption "\"Me? My solicitor will hear of this by breakfast!\""
    seed 404
end
shot 4s generate "a ferry docking at Dover at dawn, passengers streaming ashore"
  caption "While the shouting goes on, the thief walks ashore."
shot 3s color "#1A2E1A"
  caption "Ending: an old rival's revenge."
  transition fade 1s
-> END

=== docked ===
shot 4s generate "a ferry ramp lowering onto a rainy dock, passengers hurrying into the dark"
  caption "Dover. Everyone walks off. So does the thief."
shot 3s color "#000000"
  caption "Ending: the clock won."
  transition fade 1500ms
-> END

// The cabin and the suspects. Every scene here ends by going to the clock.

=== cabin ===
shot 4s generate "an elegant ferry cabin, an open suitcase, sheet music scattered, the porthole open to the rain"
  caption "The porthole is open. Rain on the carpet."
shot 4s generate "close-up of a velvet armchair, a small lavender sachet forgotten on the cushion"
  caption "Lavender. Madame Brun wears sandalwood."
~ lavender = true
~ clues += 1
~ notes += " lavender in the cabin;"
-> clock

=== lounge ===
shot 4s generate "a smug composer in a velvet jacket at a ferry lounge piano, a brandy glass in hand"
  caption "Aldous Penhallow. Her rival for thirty years."
  seed 404
shot 4s generate "the composer waving a hand dismissively, cigarette smoke curling"
  caption "\"Steal her music? I would rather steal a cold.\""
  seed 404
choice 5s cut default lounge_saw
  * "\"Where were you at eleven?\"" ~ alibi_checked = true -> lounge_alibi
  * "\"What did you see?\"" -> lounge_saw weight 2

== lounge_alibi
shot 4s generate "the composer sliding a bar receipt across a polished counter"
  caption "A bar tab, 22:58 to 23:31. He never left his stool."
  seed 404
~ clues += 1
~ notes += " Penhallow has an alibi;"
-> clock

== lounge_saw
shot 4s generate "the composer pointing his brandy glass down a dim corridor"
  caption "\"The steward. Carrying a map tube, of all things. At sea!\""
  seed 404
~ tube = true
~ clues += 1
~ notes += " a map tube below decks;"
-> clock

=== galley ===
shot 4s generate "a young nervous steward in a white jacket in a cramped ferry galley, his cuffs soaking wet"
  caption "Tomas, the steward. His cuffs are soaked."
  seed 212
if tube
  shot 5s generate "the steward holding up an empty cardboard map tube, embarrassed"
    caption "\"Miss Clara sent me for it. It was empty, I swear!\""
    seed 212
  ~ clues += 1
  ~ notes += " Clara sent for the tube;"
else
  shot 4s generate "the steward shrugging as he dries a glass"
    caption "\"I was on deck for a smoke, madame. That is all.\""
    seed 212
end
-> clock

=== niece ===
shot 4s generate "a young woman in a travelling coat in a ferry cabin, hiding her hands"
  caption "Clara Brun. The niece, and the heir."
  seed 1990
~ ink = true
~ notes += " ink on Clara's fingers;"
if lavender and tube
  shot 5s generate "close-up of ink-stained fingers trembling on a leather folio"
    caption "Blue ink. Lavender. A map tube. Clara has nothing to say."
    style "high-contrast charcoal sketch"
  ~ clues += 2
elif lavender
  shot 4s generate "the young woman dabbing lavender scent on her wrist, defiant"
    caption "\"Of course I visited my aunt. I am family.\""
    seed 1990
  ~ clues += 1
else
  shot 4s generate "the young woman laughing too brightly, her blue fingertips hidden in her sleeves"
    caption "\"A map tube? How odd. Ask the steward.\""
    seed 1990
  ~ clues += 1
end
-> clock

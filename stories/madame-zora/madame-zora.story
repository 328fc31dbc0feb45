// Madame Zora Sees All: a fortune teller who listens to what the viewer types.
// Three questions (a name, a lost thing, a wish); the answers come back in
// titles, captions, generated prompts and the story's conditions.
title: Madame Zora Sees All
author: Branchline examples
format: 1080x1920 24fps
segment: 1.5s
style: "velvet carnival tent, candlelight, violet haze, 35mm film"
label: "AI-generated imagery"
start: curtain

var name = "Stranger"
var lost = "my keys"
var wish = "to be happy"
var coins = 3
var trust = 0
var believer = false
var reading = ""

=== curtain ===
shot 4s title "MADAME ZORA\nSEES ALL"
  caption "Readings: 3 coins. No refunds."
  transition fade 800ms
  audio "assets/organ.wav" volume 0.7
shot 2s clip "assets/candle.mp4" from 500ms to 2500ms
  transition crossfade 500ms
shot 5s generate "a fortune teller with rings on every finger behind a glowing crystal ball, beckoning"
  caption "\"Sit, sit. The spirits want a name.\""
  seed 777
ask name "What is your name?" 6s default "Stranger" -> palm

=== palm ===
if name == "Zora"
  shot 5s generate "the fortune teller clutching her shawl in theatrical shock"
    caption "\"Zora? That is MY name. Now the spirits are confused.\""
    seed 777
  ~ trust -= 1
elif name == "Stranger"
  shot 5s generate "the fortune teller narrowing her eyes over the crystal ball"
    caption "\"No name? The spirits dislike a mystery.\""
    seed 777
else
  shot 5s generate "the fortune teller tracing the lines of an open palm with a long fingernail"
    caption "\"{name}. Yes. I have been expecting you, {name}.\""
    seed 777
  ~ trust += 1
end
shot 3s generate "the fortune teller leaning close, candlelight under her chin"
  caption "\"Tell me, {name}: do you believe?\""
  seed 777
choice 4s default doubt
  * "\"I believe.\"" ~ believer = true ~ trust += 1 -> lost_thing weight 2
  * "\"Not really.\"" -> doubt

== doubt
shot 3s generate "the fortune teller rolling her eyes toward the tent roof"
  caption "\"They all say that. Until the ball speaks.\""
  seed 777
-> lost_thing

=== lost_thing ===
shot 4s title "What brings you\nto Zora, {name}?"
  transition crossfade 500ms
shot 4s image "assets/crystal-ball.png" motion zoom-in
ask lost "What have you lost?" 6s default "my keys" -> ball

=== ball ===
shot 5s generate "inside a crystal ball, {lost} drifting in violet smoke, dreamlike"
  caption "\"I see... {lost}.\""
  transition crossfade 600ms
if visits(ball) > 1
  shot 3s generate "the fortune teller tapping the crystal ball impatiently"
    caption "\"Still {lost}. The spirits repeat themselves.\""
    seed 777
end
choice 5s default pay
  * "Pay for a full reading (3 coins)" if coins >= 3 ~ coins -= 3 -> pay weight 3
  * "Haggle ({coins} coins left)" if coins < 3 and coins > 0 -> haggle
  * "\"Where exactly?\"" if visits(where) == 0 -> where weight 2
  * "Laugh it off" ~ trust -= 1 -> laugh

=== where ===
shot 5s generate "the fortune teller holding out an open palm, one eyebrow raised"
  caption "\"The spirits are very specific, {name}. For a tip.\""
  seed 777
choice 4s default laugh
  * "Tip her a coin" ~ coins -= 1 ~ trust += 1 -> ball
  * "Refuse" -> laugh

=== haggle ===
shot 5s generate "the fortune teller sighing and waving a jeweled hand"
  caption "\"{coins} coins? Fine. The spirits are in a generous mood.\""
  seed 777
~ coins = 0
-> pay

=== pay ===
shot 3s generate "coins sliding across a velvet tablecloth toward ringed fingers"
  caption "The coins vanish. So does Zora's smile."
shot 4s generate "the fortune teller cupping the crystal ball in both hands, eyes closed"
  caption "\"Now. Whisper one wish into the glass.\""
  seed 777
ask wish "Whisper one wish." 6s default "to be happy" -> future

=== future ===
~ reading = name + ", you will find " + lost + " the day you stop looking"
shot 5s generate "a crystal ball blazing with white light, {wish} shimmering inside it"
  caption "\"{wish}...\""
  transition crossfade 1s
if wish == lost
  shot 5s title "You wished for\nwhat you lost."
    caption "\"Then it was never lost, {name}. Only waiting.\""
  -> found
elif trust >= 2 and believer and name != "Stranger"
  -> true_reading
else
  -> plain_reading
end

=== found ===
shot 5s generate "{lost} glowing softly on a velvet tablecloth where the crystal ball had been"
  caption "Where the ball stood: {lost}."
shot 3s color "#3A1A5A"
  caption "Ending: found."
  transition fade 1s
-> END

=== true_reading ===
shot 5s generate "the fortune teller taking off her turban, suddenly kind and tired"
  caption "\"No spirits, {name}. Just an old woman who listens.\""
  seed 777
shot 5s title "{reading}."
  style "gold leaf tarot card"
shot 3s color "#5A3A1A"
  caption "Ending: the true reading."
  transition fade 1s
-> END

=== plain_reading ===
if not believer
  shot 5s title "{reading}.\nProbably."
    caption "\"That will be no refunds, {name}.\""
else
  shot 5s title "{reading}."
    caption "\"The spirits have spoken. Mind the step.\""
end
shot 3s color "#1A1A3A"
  caption "Ending: the reading."
  transition fade 1s
-> END

=== laugh ===
if trust < 0 and not believer
  // the candle gutters out at the end of its clip
  shot 4s clip "assets/candle.mp4"
    caption "\"Laugh, then. The spirits have long memories, {name}.\""
else
  shot 5s generate "the fortune teller shrugging and pocketing her crystal ball"
    caption "\"Suit yourself. The spirits accept no returns.\""
    seed 777
end
shot 4s image "assets/tent.png" motion zoom-out
  caption "On the way out, {name} trips. Of course."
  audio "assets/organ.wav" volume 0.3
shot 3s color "#2A0A3A"
  caption "Ending: the skeptic."
  transition fade 1s
-> END

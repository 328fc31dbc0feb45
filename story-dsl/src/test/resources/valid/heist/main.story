// The Night Heist: a three-minute vertical noir (the spec's example, without asset files).
title: The Night Heist
author: Branchline examples
format: 720x1280 30fps
style: "neon noir, rain, cinematic"
start: alley
include "vault.story"

var trust = 0
var name = "Rook"
var has_key = false

=== alley ===
shot 4s generate "a hooded figure waits in a rainy neon alley"
  caption "Midnight. {name} has one shot at this."
shot 3s color "#101018"
  transition crossfade 500ms
ask name "What do they call you?" 6s default "Rook" -> lobby

=== lobby ===
shot 6s title "{name} steps inside."
choice 6s default stairs
  * "Take the stairs" -> stairs weight 3
  * "Take the elevator" ~ trust += 1 -> elevator
  * "Use the key" if has_key -> vault

=== stairs ===
shot 5s generate "wet concrete stairs, a flickering light"
~ has_key = true
-> vault

=== elevator ===
if trust > 0 and visits(elevator) == 1
  shot 4s generate "an elevator rises through a glass tower at night"
    style "oil painting"
else
  shot 4s color "#101018"
    caption "The lights go out."
end
-> vault

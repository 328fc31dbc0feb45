// A story with an error (its divert leads nowhere): the engine lists it but refuses to
// play it, and the player has to say so.
title: Broken
format: 360x640 30fps

=== start ===
shot 2s color "#808080"
-> nowhere

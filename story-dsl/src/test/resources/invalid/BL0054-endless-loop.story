// expect: BL0054 12:5
// 'ping' and 'pong' route to each other forever: nothing shown, nothing asked, nothing changed.
=== start ===
shot 2s color "#000000"
choice 2s
  * "Play" -> ping
  * "Leave" -> END

=== pong ===
-> ping

=== ping ===
-> pong

// Routing loops that the checker allows (something on the way assigns or reads
// visits()) but that never leave: the evaluator stops them with a message.
title: Runaway

var spins = 0

=== top ===
shot 2s title "Round and round"
choice
  * "Spin" -> spin
  * "Echo" -> echo

=== spin ===
~ spins += 1
if spins > 5000
  -> out
end
-> spin

=== echo ===
if visits(echo) > 5000
  -> out
end
-> echo

=== out ===
shot 1s title "Out after {spins} spins"
-> END

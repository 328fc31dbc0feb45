// The vault, kept in a file of its own.
var opened = 0

=== vault ===
shot 3s generate "a round vault door swings open"
  seed 42
~ opened += 1
if opened > 1
  -> END
end
choice 3s default END cut
  * "Take the money" -> END
  * "Look around" -> alley weight 0.5

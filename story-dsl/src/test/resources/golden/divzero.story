// Division by zero stops the story: in a caption, in a condition, in an option's assignment.
title: Zero

var zero = 0
var share = 0

=== start ===
shot 2s title "Ten to share among {zero}"
choice
  * "Share it" ~ share = 10 / zero -> done
  * "Count the rest" -> rest
  * "Tell me" -> tell

=== rest ===
if 10 % zero == 0
  shot 2s title "Nothing left"
end
-> done

=== tell ===
shot 2s title "First the good news"
shot 2s title "Each gets {10 / zero}"
-> done

=== done ===
shot 1s title "Each gets {share}"
-> END

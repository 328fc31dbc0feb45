// expect: BL0020 11:12
// expect: BL0020 12:5
// Both options have a syntax error; the choice does have options, so no BL0052
// ("choice without options") may follow from them.
=== start ===
shot 4s generate "a crossroads"
if visits(start) > 2
  -> END
end
choice 3s
  * "Go" ->
  * Stay -> start

// Known bug (left failing on purpose): interpolation must show whole numbers without
// a fraction, but Value.Num.display() only does so below 1e15 and falls back to
// Double.toString, which writes "1.0E15".
title: Big numbers

var grains = 1000000000000000

=== count ===
shot 2s title "{grains} grains of sand"
-> END

// Known bug (left failing on purpose): -0 must equal 0. Numbers are doubles and
// Value.Num is a record, whose equals() tells -0.0 from 0.0, so '==' says false.
title: Negative zero

var debt = 0

=== ledger ===
~ debt = -debt
if debt == 0
  shot 2s title "Even: {debt}"
else
  shot 2s title "Not even: {debt}"
end
if 0 * -1 != 0
  shot 2s title "0 * -1 is not 0"
end
-> END

// expect: BL0025 6:107
// expect: BL0025 7:404
// 101 parentheses and 101 'not's: at most 100 levels are allowed.
var x = 0
=== start ===
~ x = (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
if not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not x == 0
  -> END
end
shot 1s title "{x}"
-> END

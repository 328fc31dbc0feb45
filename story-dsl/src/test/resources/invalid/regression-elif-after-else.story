// expect: BL0026 11:1
// One 'elif' after 'else' is one error. The 'if' is closed by the 'end' below, so
// no "never closed", no "'elif'/'end' without an open 'if'", no "statement after a terminal".
var ok = true
=== start ===
if ok
  -> END
else
  shot 1s title "Again"
  -> start
elif not ok
  -> END
end

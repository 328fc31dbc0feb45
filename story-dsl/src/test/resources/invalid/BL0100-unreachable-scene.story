// expect: BL0100 6:5
=== start ===
shot 2s color "#000000"
-> END

=== attic ===
shot 2s color "#000000"
-> END

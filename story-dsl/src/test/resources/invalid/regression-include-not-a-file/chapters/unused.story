// Only here so that the folder exists; nothing includes it.
=== unused ===
shot 1s color "#000000"
-> END

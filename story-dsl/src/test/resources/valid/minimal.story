=== only ===
shot 1s color "#000000"
-> END

// expect: BL0053 4:19
=== start ===
shot 4s color "#000000"
choice 3s default stairs
  * "Elevator" -> elevator
  * "Leave" -> END
=== stairs ===
shot 2s color "#000000"
-> END
=== elevator ===
shot 2s color "#000000"
-> stairs

// Die Fahrt durch die Zeit. Diese Datei hat CRLF-Zeilenenden (Windows).

== naechster_halt
// Zeigt nichts: entscheidet nur, wo die Bahn als Nächstes hält.
if visits(naechster_halt) == 1
  ~ jahr = 1989
  ~ haltestelle = "Bornholmer Straße"
  -> halt_1989
elif visits(naechster_halt) == 2
  ~ jahr = 1926
  ~ haltestelle = "Kurfürstendamm"
  -> halt_1926
else
  -> endstation
end

=== halt_1989 ===
shot 3s title "Nächster Halt:\n{haltestelle}"
  transition cut
shot 6s generate "crowds of cheering people streaming across a border bridge at night in November 1989, tears and sparklers"
  caption "{jahr}. Die Grenze ist offen. Niemand kann es glauben."
  style "grainy 1980s camcorder footage"
choice 5s cut default naechster_halt
  * "Aussteigen und mitfeiern" -> ende_1989 weight 2
  * "Sitzen bleiben" ~ mut += 1 -> naechster_halt

=== halt_1926 ===
shot 3s title "Nächster Halt:\n{haltestelle}"
shot 6s generate "a glittering Berlin boulevard at night in 1926, cabaret lights, people in furs and top hats, a jazz band"
  caption "{jahr}, {2024 - jahr} Jahre zurück. Jazz aus jeder Tür."
  style "hand-tinted silent film"
  transition crossfade 1s
choice 5s cut default naechster_halt
  * "Aussteigen: ein Abend im Kabarett" -> ende_1926
  * "Bis zur Endstation fahren" ~ mut += 1 -> naechster_halt weight 2

=== endstation ===
shot 4s generate "an empty tram depot lit by a single lantern, the conductor taking off her cap"
  caption "Endstation. Die Schaffnerin nimmt die Mütze ab."
  seed 1929
if mut >= 3
  shot 5s generate "the conductor placing her cap on the passenger's head, smiling for the first time"
    caption "„Wer ehrlich ist und bis zum Ende fährt, fährt ab jetzt selbst.“"
    seed 1929
  -> ende_schaffner
end
shot 4s generate "the conductor shaking her head gently and pointing at the depot door"
  caption "„Noch nicht. Steigen Sie aus, es ist spät.“"
  seed 1929
-> ende_traum

=== ende_1989 ===
shot 5s generate "strangers hugging on a crowded bridge at night, a champagne bottle passed hand to hand"
  caption "Du steigst aus. Jemand drückt dir eine Flasche Sekt in die Hand."
  style "grainy 1980s camcorder footage"
shot 4s title "„Wahnsinn!“"
  caption "Ende: 9. November 1989."
  transition fade 1s
-> END

=== ende_1926 ===
shot 5s generate "a smoky 1920s cabaret stage, a singer in a tuxedo beckoning the audience"
  caption "Ein Platz ist noch frei. Direkt vor der Bühne."
  style "hand-tinted silent film"
shot 4s title "Willkommen, bienvenue,\nwelcome."
  caption "Ende: die Goldenen Zwanziger."
  transition fade 1s
-> END

=== ende_schaffner ===
shot 5s generate "the old tram rolling out of the depot into the snowy night, a new conductor at the door"
  caption "Die Linie 0 fährt weiter. Mit dir an der Tür."
  transition crossfade 1s
  audio "assets/bell.wav" volume 0.6
shot 4s title "Fahrscheine, bitte."
  caption "Ende: Dienstantritt."
  transition fade 1s
-> END

=== ende_traum ===
shot 4s generate "a person waking on a bench at a snowy tram stop at dawn, no tram in sight"
  caption "Grüner Weg, 6:12 Uhr. War alles nur ein Traum?"
if fahrschein
  shot 4s generate "a yellowed paper tram ticket in a gloved hand, dated 9 November 1989"
    caption "In deiner Tasche: ein Fahrschein. Gültig bis 1989."
else
  shot 4s generate "an empty gloved hand, a few snowflakes melting on it"
    caption "In deiner Tasche: nichts. Nur Schnee."
end
shot 3s color "#10141E"
  caption "Ende: Endstation Gegenwart."
  transition fade 1s
-> END

=== nachtbus ===
shot 4s clip "assets/tram.mp4" from 1s
  caption "Die Linie 0 fährt ohne dich ab."
  audio "assets/bell.wav" volume 0.4
shot 4s image "assets/haltestelle.png" motion still
  caption "Der Nachtbus kommt um 0:47. Er kommt immer um 0:47."
shot 3s color "#1A1A1A"
  caption "Ende: der Nachtbus."
  transition fade 1s
-> END

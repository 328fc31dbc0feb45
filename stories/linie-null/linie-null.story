// Linie 0 – eine Straßenbahn, die in keinem Fahrplan steht.
/*
   Berlin, kurz nach Mitternacht. Eine alte Bahn hält an einer leeren Haltestelle,
   und jede Station liegt weiter in der Vergangenheit. Fünf Enden.

   linie-null.story     Kopf, Variablen, Bahnsteig und Wagen (LF)
   haltestellen.story   die Fahrt durch die Zeit und die Enden (CRLF-Zeilenenden)

   Die Texte für die Zuschauer sind deutsch; die Prompts für den Generator bleiben
   englisch, weil er sie am besten versteht. Seed 1929 hält das Gesicht der
   Schaffnerin in jeder Einstellung gleich.
*/
title: Linie 0
author: Branchline-Beispiele
language: de
start: bahnsteig
include "haltestellen.story"

var jahr = 2024
var haltestelle = "Grüner Weg"
var fahrschein = false
var mut = 0

=== bahnsteig ===
shot 3s title "LINIE 0"
  caption "Berlin, kurz nach Mitternacht."
  transition fade 1s
shot 5s image "assets/haltestelle.png" motion pan-up
  caption "Haltestelle {haltestelle}. Die letzte Bahn ist längst weg."
shot 5s generate "an old cream-and-yellow tram gliding out of the fog, its destination sign glowing with a single 0"
  caption "Eine Linie 0 steht in keinem Fahrplan."
  transition crossfade 700ms
  audio "assets/bell.wav" volume 0.8
choice 5s default nachtbus
  * "Einsteigen" -> wagen weight 3
  * "Erst einen Fahrschein ziehen" ~ fahrschein = true -> automat weight 2
  * "Lieber auf den Nachtbus warten" -> nachtbus

=== automat ===
shot 4s generate "a rusty ticket machine at a snowy tram stop printing a yellowed paper ticket"
  caption "Der Automat rattert. Geld will er keins."
shot 4s title "FAHRSCHEIN\nGültig: 9. November 1989"
  style "yellowed paper, faded typewriter letters"
-> wagen

=== wagen ===
shot 4s generate "inside a 1920s wooden tram carriage at night, brass fittings, empty seats, snow outside"
  caption "Drinnen riecht es nach Bohnerwachs und Schnee."
shot 4s generate "a stern female tram conductor in a dark uniform and cap holding a brass ticket punch"
  caption "„Fahrschein, bitte.“"
  seed 1929
choice 4s
  * "Fahrschein zeigen" if fahrschein -> stempel
  * "Ehrlich sein: „Ich habe keinen.“" if not fahrschein ~ mut += 1 -> ehrlich weight 2
  * "Sich schlafend stellen" ~ mut -= 1 -> schlafen weight 0.5

=== stempel ===
shot 4s generate "the conductor punching a yellowed ticket with a brass punch, raising an eyebrow"
  caption "„Ein Neunundachtziger. Die sieht man selten.“"
  seed 1929
-> naechster_halt

=== ehrlich ===
shot 5s generate "the stern conductor almost smiling, waving the passenger to a seat"
  caption "„Ehrlichkeit ist selten geworden. Setzen Sie sich.“"
  seed 1929
-> naechster_halt

=== schlafen ===
shot 4s generate "a passenger pretending to sleep against a frosted tram window, one eye half open"
  caption "Die Schaffnerin geht vorbei. Ganz langsam."
shot 3s color "#0B1020"
  caption "Die Bahn fährt los. Draußen wird es still."
  transition fade 1s
-> naechster_halt

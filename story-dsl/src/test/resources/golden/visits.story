// visits(SCENE) counts the current visit: 1 the first time a scene runs.
title: Visits

=== hall ===
shot 2s title "Hall, visit {visits(hall)}; attic so far {visits(attic)}"
if visits(hall) == 1
  -> attic
elif visits(hall) < 3
  -> cellar
end
-> out

=== attic ===
shot 2s title "Attic, visit {visits(attic)}"
-> hall

== cellar
// shot-less: counted all the same
if visits(cellar) >= 1 and visits(hall) == 2
  -> hall
end
-> out

=== out ===
shot 2s title "Out after {visits(hall)} halls, {visits(attic)} attic, {visits(cellar)} cellar"
-> END

# The approved versions of the strategy: the list, approving a version, one version, comparing two.

revisions-list-title = Versioner – { $strategy }
revisions-eyebrow = Årlig revision
revisions-heading = Versioner af { $strategy }
revisions-intro = Hver godkendt version gemmes uændret og kan altid læses og sammenlignes med andre versioner.
revisions-none = Der er endnu ingen godkendte versioner.
revisions-caption = Godkendte versioner
revisions-col-version = Version
revisions-col-approved = Godkendt
revisions-col-approved-by = Godkendt af
revisions-col-decision = Beslutning / sagsnr.
revisions-version-n = Version { $number }
revisions-compare-heading = Sammenlign versioner
revisions-from = Fra
revisions-to = Til
revisions-approve-heading = Godkend version
revisions-since = Siden version { $number }:
revisions-pending-counts = { $changed } ændret, { $added } tilføjet, { $removed } fjernet.
revisions-first = Godkend den første version, når strategien er vedtaget.
revisions-field-approved-on = Godkendt den
revisions-field-approved-by = Godkendt af
revisions-field-approved-by-hint = Fx Byrådet, Økonomiudvalget eller Direktionen.
revisions-field-decision = Beslutning / sagsnummer
revisions-field-decision-hint = Fx byrådets sagsnummer eller punkt på dagsordenen.
revisions-approve = Godkend version
revisions-error-nothing-changed = Intet er ændret siden version { $number }, så der er ingen ny version at godkende.
revisions-audit-approved = Version { $number } godkendt af { $by } { $date }

revisions-version-title = { $strategy } – version { $number }
revisions-version-approved = Version { $number } · godkendt { $date } af { $by }
revisions-not-latest = Dette er ikke den nyeste version.
revisions-see-version = Se version { $number }
revisions-or = eller
revisions-compare-with-it = sammenlign med den
revisions-baseline-value = Udgangspunkt { $value }
revisions-target-value = Mål { $value }
revisions-by-date = senest { $date }

revisions-compare-title = Sammenlign versioner – { $strategy }
revisions-compare = Sammenlign
revisions-compare-too-few = Der skal være mindst to godkendte versioner for at sammenligne.
revisions-only-changes = Vis kun ændringer
revisions-count-changed = ændret
revisions-count-added = tilføjet
revisions-count-removed = fjernet
revisions-legend-removed = Fjernet tekst er
revisions-legend-struck = overstreget
revisions-legend-new = , ny tekst er
revisions-legend-underlined = understreget
revisions-field = Felt
revisions-compare-label = Version { $number } · { $date } · { $by }

revisions-change-same = Uændret
revisions-change-added = Tilføjet
revisions-change-removed = Fjernet
revisions-change-changed = Ændret
revisions-kind-strategy = Strategien
revisions-field-period = Periode
revisions-field-target = Mål
revisions-moved-from = Flyttet fra { $place }
revisions-another-focus-area = et andet fokusområde
revisions-moved-from-goal = Flyttet fra målet “{ $goal }”
revisions-another-goal = et andet mål

# rounds (issue 13.2): what "Godkend version" changes, said before it is pressed
revisions-effects-lead = Når du trykker „Godkend version“:
revisions-effect-version = Strategien, som den står nu, gemmes som version { $number } med dato, godkendt af og beslutning.
revisions-effect-adopts = Strategien bliver vedtaget: mærket „Kladde – ikke vedtaget“ forsvinder fra overblikket, statussiderne, mødepakken og initiativerne.
revisions-effect-stays-draft = Kommunen har allerede en anden vedtaget strategi, så denne forbliver en kladde; versionen gemmes alligevel.
revisions-effect-already-adopted = Strategien er allerede vedtaget; styregruppens sider viser den som hidtil.
revisions-effect-public = Den offentlige side viser version { $number }, hvis den er slået til.
revisions-effect-earlier = Version { $number } og de tidligere versioner bevares og kan sammenlignes med den nye.

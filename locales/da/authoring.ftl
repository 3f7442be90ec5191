# Editing the strategy: the outline, the forms, the conflict page, deleting and archiving.

authoring-breadcrumbs = Brødkrummer
authoring-edit = Redigér
authoring-delete = Slet
authoring-edit-named = Redigér { $name }
authoring-edit-strategy = Redigér strategien
authoring-view-strategy = Se strategien
authoring-save-changes = Gem ændringer
authoring-cancel = Annullér
authoring-none-chosen = Ingen valgt
authoring-none = Ingen
authoring-owner-named = Ansvarlig: { $name }
authoring-director-named = Ansvarlig direktør: { $name }

authoring-form-not-saved = Ikke gemt.
authoring-form-fix-fields = Ret de markerede felter – alt, hvad du har skrevet, er bevaret.
authoring-form-nothing-to-choose = Ingen at vælge imellem endnu.

authoring-error-required = Skal udfyldes.
authoring-error-too-long = Må højst være { $max } tegn (der er { $length }).
authoring-error-number-too-large = Tallet er for stort.
authoring-error-number = Skriv et tal, fx 12 eller 12,5.
authoring-error-date-range = Datoen skal ligge mellem { $first } og { $last }.
authoring-error-date = Skriv en dato som dd-mm-åååå.
authoring-error-choose = Vælg en af mulighederne.
authoring-error-choose-listed = Vælg en af mulighederne på listen.
authoring-error-choose-among = Vælg blandt mulighederne på listen.
authoring-error-end-before-start = Slutdatoen ligger før startdatoen.
authoring-error-unit-needed = Angiv en enhed (fx %, antal, kr.), når der er et udgangspunkt eller et mål.
authoring-error-deadline-before-baseline = Fristen ligger før udgangspunktets dato.

authoring-field-title = Titel
authoring-field-subtitle = Undertitel
authoring-field-introduction = Indledning
authoring-field-period-start = Periode fra
authoring-field-period-end = Periode til
authoring-field-focus-area-label = Betegnelse for fokusområder
authoring-field-followup-text = Om opfølgningen
authoring-field-challenges-text = Udfordringer
authoring-field-ambition = Det vil vi opnå
authoring-field-coordination = Koordinering
authoring-field-director = Ansvarlig direktør
authoring-field-focus-area = Fokusområde
authoring-field-focus-areas = Fokusområder
authoring-field-goal-text = Målet
authoring-field-goal = Mål
authoring-field-under-goal = Under målet
authoring-field-owner = Ansvarlig
authoring-field-sub-goal-text = Delmålet
authoring-field-measurement = Måling
authoring-field-indicator = Indikator
authoring-field-unit = Enhed
authoring-field-baseline = Udgangspunkt
authoring-field-baseline-date = Målt pr.
authoring-field-baseline-date-long = Udgangspunktets dato
authoring-field-target = Målværdi
authoring-field-deadline = Frist
authoring-field-direction = Retning
authoring-field-direction-legend = Retning: værdien skal …
authoring-field-direction-unset = Ikke angivet
authoring-field-org-unit = Organisatorisk enhed
authoring-field-problem = Problemet
authoring-field-description = Beskrivelse
authoring-field-name = Navn
authoring-field-mission = Mission
authoring-field-challenges = Fælles problemer
authoring-field-belongs-to-areas = Hører til fokusområderne
authoring-field-works-on-challenges = Arbejder med de fælles problemer
authoring-field-hypothesis = Hypotese
authoring-field-success-criterion = Succeskriterium
authoring-field-evaluation-date = Evalueres senest
authoring-field-evaluation = Evalueres
authoring-field-status = Status
authoring-field-cluster = Missionsklynge

authoring-kind-focus-area = Fokusområde
authoring-kind-goal = Mål
authoring-kind-sub-goal = Delmål
authoring-kind-challenge = Fælles problem
authoring-kind-cluster = Missionsklynge
authoring-kind-initiative = Initiativ

authoring-what-strategy = Strategien
authoring-what-focus-area = Fokusområdet
authoring-what-goal = Målet
authoring-what-sub-goal = Delmålet
authoring-what-challenge = Det fælles problem
authoring-what-cluster = Missionsklyngen
authoring-what-initiative = Initiativet

authoring-the-focus-area = fokusområdet
authoring-the-goal = målet
authoring-the-sub-goal = delmålet
authoring-the-challenge = det fælles problem
authoring-the-cluster = missionsklyngen
authoring-the-initiative = initiativet

authoring-strategy-new = Ny strategi
authoring-strategy-basics = Grunddata
authoring-strategy-basics-title = Strategiens grunddata
authoring-strategy-create = Opret strategi
authoring-strategy-title-hint = Fx “Sønderborg 2030”.
authoring-strategy-label-hint = Fx “Fokusområde”, “Spor” eller “Indsatsområde”.
authoring-strategy-followup-hint = Hvordan og hvornår strategien følges op.

authoring-focus-area-new = Nyt fokusområde
authoring-focus-area-edit = Redigér fokusområde
authoring-focus-area-create = Opret fokusområde
authoring-focus-area-challenges-hint = Hvorfor er området vigtigt? Et afsnit pr. linje; linjer der starter med “- ” bliver en punktliste.

authoring-goal-new = Nyt mål
authoring-goal-edit = Redigér mål
authoring-goal-create = Opret mål
authoring-goal-choose-area = Vælg fokusområde
authoring-goal-move-hint = Vælg et andet fokusområde for at flytte målet. Delmål og opfølgninger følger med.
authoring-goal-text-hint = Hvad vil I opnå? Fx “Flere borgere er i job eller uddannelse.”
authoring-goal-new-under = Nyt mål under { $area }

authoring-sub-goal-new = Nyt delmål
authoring-sub-goal-edit = Redigér delmål
authoring-sub-goal-create = Opret delmål
authoring-sub-goal-intro = Et SMART delmål er specifikt, målbart (indikator, enhed, udgangspunkt og mål), har en ansvarlig, en realistisk retning og en frist i strategiperioden ({ $period }).
authoring-sub-goal-is-smart = Delmålet er SMART.
authoring-sub-goal-move-hint = Vælg et andet mål for at flytte delmålet. Opfølgningerne følger med.
authoring-sub-goal-choose-goal = Vælg mål
authoring-sub-goal-text-hint = Konkret og målbart, fx “Sygefraværet i ældreplejen falder til 6 % inden udgangen af 2027.”
authoring-sub-goal-indicator-hint = Hvad måles? Fx “Sygefravær i procent”.
authoring-sub-goal-unit-hint = Fx %, antal, kr. eller dage.

authoring-challenge-new = Nyt fælles problem
authoring-challenge-edit = Redigér fælles problem
authoring-challenge-create = Opret fælles problem
authoring-challenge-intro = Et fælles svært problem går på tværs af fokusområder og løses ikke af én afdeling alene.
authoring-challenge-title-hint = Fx “Flere unge mistrives”.

authoring-cluster-new = Ny missionsklynge
authoring-cluster-edit = Redigér missionsklynge
authoring-cluster-create = Opret missionsklynge
authoring-cluster-intro = En missionsklynge samler kræfterne om en mission og arbejder med et eller flere fælles svære problemer.

authoring-initiative-new = Nyt initiativ
authoring-initiative-edit = Redigér initiativ
authoring-initiative-create = Opret initiativ
authoring-initiative-intro = Et initiativ eller en prøvehandling afprøver en hypotese og evalueres mod et succeskriterium – og stoppes, hvis det ikke virker.
authoring-initiative-hypothesis-hint = Hvis vi gør …, så vil …
authoring-initiative-success-hint = Hvornår virker det?

authoring-conflict-title = Ændret af en anden
authoring-conflict-eyebrow = Ikke gemt
authoring-conflict-heading = { $what } er ændret af en anden
authoring-conflict-intro-before = Mens du redigerede
authoring-conflict-intro-after = , gemte en anden en ny version. Din version er ikke gemt, men du har den her. Felter, der er forskellige, er markeret.
authoring-conflict-caption = Din version og den gemte version
authoring-conflict-field = Felt
authoring-conflict-yours = Din version (ikke gemt)
authoring-conflict-saved = Den gemte version
authoring-conflict-differs = forskellig
authoring-conflict-use-saved = Brug den gemte version
authoring-conflict-save-mine = Gem min version alligevel

authoring-delete-named = Slet { $the }
authoring-delete-question = Slet { $the }?
authoring-archive-named = Arkivér { $the }
authoring-delete-has-history = Der er historik:
authoring-delete-history = { $count ->
    [one] { $count } opfølgning, beslutning eller initiativer hænger på { $the }. Derfor bliver { $the }
   *[other] { $count } opfølgninger, beslutninger eller initiativer hænger på { $the }. Derfor bliver { $the }
}
authoring-delete-archived-word = arkiveret
authoring-delete-archive-rest = i stedet for slettet: det forsvinder fra strategien, men historikken kan stadig læses, og det kan gendannes.
authoring-delete-no-history = Der er ingen opfølgninger eller beslutninger på { $the }. Det slettes sammen med alt, hvad det indeholder. Tidligere godkendte versioner af strategien ændres ikke.

authoring-workspace-versions = { $count ->
    [one] { $count } godkendt version.
   *[other] { $count } godkendte versioner.
}
authoring-workspace-versions-latest = { $count ->
    [one] { $count } godkendt version, senest { $date }.
   *[other] { $count } godkendte versioner, senest { $date }.
}
authoring-workspace-no-versions = Ingen godkendte versioner endnu.
authoring-workspace-smart-count = { $smart } af { $total } delmål er SMARTe.
authoring-workspace-approve-version = Godkend version
authoring-workspace-empty = Strategien har endnu ingen fokusområder. Begynd med
authoring-workspace-empty-link = et nyt fokusområde
authoring-workspace-missing = Mangler:
authoring-workspace-edit-item = Redigér { $the } { $title }
authoring-workspace-move-item-up = Flyt { $the } { $title } op
authoring-workspace-move-item-down = Flyt { $the } { $title } ned
authoring-workspace-delete-item = Slet { $the } { $title }
authoring-workspace-move-up = Flyt { $the } op
authoring-workspace-move-down = Flyt { $the } ned
authoring-workspace-challenges = Fælles svære problemer
authoring-workspace-challenges-intro = Problemer, der går på tværs af fokusområder.
authoring-workspace-clusters = Missionsklynger
authoring-workspace-clusters-intro = Klynger, der arbejder med de fælles problemer.
authoring-workspace-initiatives = Initiativer og prøvehandlinger
authoring-workspace-initiatives-intro = Afprøves, evalueres og stoppes, hvis de ikke virker.
authoring-workspace-list-areas = Fokusområder: { $areas }
authoring-workspace-list-problems = { $count } fælles problem(er)
authoring-workspace-archived = Arkiveret
authoring-workspace-archived-intro = Arkiverede dele er taget ud af strategien, men deres opfølgninger og beslutninger kan stadig læses.
authoring-workspace-archived-on = arkiveret { $date }
authoring-workspace-restore = Gendan
authoring-workspace-no-strategy = Ingen strategi endnu
authoring-workspace-no-strategy-text = Opret kommunens strategi for at komme i gang. Bagefter tilføjer du fokusområder, mål og delmål.

authoring-audit-strategy-created = Strategi oprettet: { $title }
authoring-audit-strategy-changed = Strategiens grunddata ændret: { $title }
authoring-audit-focus-area-created = Fokusområde oprettet: { $title }
authoring-audit-focus-area-changed = Fokusområde ændret: { $title }
authoring-audit-goal-created = Mål oprettet: { $title }
authoring-audit-goal-moved = Mål flyttet til { $area }: { $title }
authoring-audit-goal-changed = Mål ændret: { $title }
authoring-audit-sub-goal-created = Delmål oprettet: { $title }
authoring-audit-sub-goal-moved = Delmål flyttet til et andet mål: { $title }
authoring-audit-sub-goal-changed = Delmål ændret: { $title }
authoring-audit-challenge-created = Fælles problem oprettet: { $title }
authoring-audit-challenge-changed = Fælles problem ændret: { $title }
authoring-audit-cluster-created = Missionsklynge oprettet: { $title }
authoring-audit-cluster-changed = Missionsklynge ændret: { $title }
authoring-audit-initiative-created = Initiativ oprettet: { $title }
authoring-audit-initiative-changed = Initiativ ændret: { $title }
authoring-audit-archived = Arkiveret (har historik): { $title }
authoring-audit-deleted = Slettet: { $title }
authoring-audit-restored = Gendannet: { $title }
authoring-audit-moved-up = Flyttet op: { $title }
authoring-audit-moved-down = Flyttet ned: { $title }
authoring-inline-saved = Gemt.

# Issue 11 (followup-input): the creation form sent again after its item was archived.
authoring-error-archived-meanwhile = { $what }, som denne formular oprettede, er arkiveret siden. Det, du har skrevet, er ikke gemt: opret igen for at gemme det som et nyt, eller gendan det arkiverede fra arkivet.

# workspace (issue 14.4, 14.7): which item an edit form, a control and an announcement is about.
authoring-edit-title-named = { $what }: { $title }
authoring-workspace-add-sub-goal-under = under målet { $title }
authoring-workspace-moved = { $kind ->
    [focus_area] Fokusområdet
    [goal] Målet
    [sub_goal] Delmålet
    [challenge] Det fælles problem
    [cluster] Missionsklyngen
   *[initiative] Initiativet
} «{ $title }» er flyttet { $direction ->
    [up] op
   *[down] ned
}, nu nr. { $position } af { $count }.
authoring-workspace-editor-discard = Du har ændringer, der ikke er gemt, i den åbne formular. Vil du lukke den uden at gemme?
# Session 6, issue 13 points 8 and 10 (forms): mistakes caught in the form, texts as written.
authoring-error-named = { $field }: { $message }
authoring-error-date-does-not-exist = { $date } findes ikke. Tjek dag og måned.
authoring-error-day-does-not-exist = { $date } findes ikke. Tjek dag og måned: { $month } har kun { $days } dage.
authoring-error-percent = En procentdel skal ligge mellem 0 og 100.
authoring-error-target-not-above = Målet ({ $target }) ligger ikke over udgangspunktet ({ $baseline }), men tallet skal „{ $direction }“. Ret målet, udgangspunktet eller retningen.
authoring-error-target-not-below = Målet ({ $target }) ligger ikke under udgangspunktet ({ $baseline }), men tallet skal „{ $direction }“. Ret målet, udgangspunktet eller retningen.
authoring-form-required-mark = (skal udfyldes)
authoring-form-date-hint = Skriv som dd-mm-åååå, fx 31-12-2030.
authoring-form-max-chars = Højst { $max } tegn.
authoring-form-count = { $count } af { $max } tegn
authoring-form-count-over = { $count } af { $max } tegn – for langt
authoring-field-goal-short-title = Kort titel
authoring-goal-short-title-hint = Valgfri. Et eller få ord, fx “Sygefravær”. Bruges i overskrifter, lister og udtræk; den politiske tekst står uændret nedenfor.
authoring-focus-area-term = fokusområde
authoring-focus-area-new-term = Nyt { $term }
authoring-focus-area-edit-term = Redigér { $term }
authoring-focus-area-create-term = Opret { $term }
authoring-goal-choose-area-term = Vælg { $term }

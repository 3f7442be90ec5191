# The follow-up: rounds, the owners' form, review, decisions, "Mine opfølgninger" and the stories.

followups-eyebrow = Opfølgning
followups-breadcrumbs = Brødkrummer
followups-kind-initiative = Initiativ
followups-kind-sub-goal = Delmål
followups-owner-none = ingen

## Review states as the follow-up pages show them
followups-review-not-started = Ikke startet
followups-review-draft = Kladde
followups-review-submitted = Indsendt
followups-review-returned = Sendt retur
followups-review-approved = Godkendt

## The form
followups-form-title = Opfølgning – { $subject }
followups-form-eyebrow = Opfølgning { $round } · frist { $deadline }
followups-form-under-goal = Under målet: { $goal }
followups-form-owner = Ansvarlig: { $name }
followups-form-owner-none = Ansvarlig: ingen
followups-form-filled-in-for-owner = udfyldt af sekretariatet på den ansvarliges vegne
followups-form-about-initiative = Initiativet
followups-form-about-sub-goal = Delmålet
followups-form-indicator = Indikator
followups-form-baseline = Udgangspunkt
followups-form-target = Mål
followups-form-deadline = Frist
followups-form-hypothesis = Hypotese
followups-form-success-criterion = Succeskriterium
followups-form-previous = Sidste runde
followups-form-previous-measured = målt { $value }
followups-form-previous-none = Ingen tidligere opfølgning.
followups-form-conversation = Samtale
followups-form-yours = Din opfølgning
followups-form-theirs = Opfølgningen
followups-form-error-summary = Opfølgningen blev ikke gemt. Ret felterne markeret nedenfor – det, du har skrevet, er bevaret.
followups-form-status = Status
followups-form-value = Målt værdi
followups-form-value-no-unit-hint = Delmålet har ingen måleenhed; lad feltet stå tomt.
followups-form-narrative = Hvad er der gjort?
followups-form-next-steps = Næste skridt
followups-form-learned = Hvad har vi lært?
followups-form-proposal = Forslag til styregruppen
followups-form-proposal-none = (intet forslag)
followups-form-story = Den gode historie (valgfri)
followups-form-story-hint = En konkret oplevelse, der viser forskellen for borgere eller kolleger.
followups-form-story-shareable = Historien må bruges i kommunikation
followups-form-save-draft = Gem kladde
followups-form-submit = Indsend

## Locked forms
followups-locked-round-closed = Runden er lukket. Opfølgningen kan læses, men ikke ændres.
followups-locked-not-owner = Kun den ansvarlige og sekretariatet kan skrive i denne opfølgning.
followups-locked-submitted = Opfølgningen er indsendt og venter på sekretariatets gennemgang.
followups-locked-approved = Opfølgningen er godkendt.
followups-nothing-changed = { $reason } Intet er ændret.

## Notices after a save
followups-notice-restored = Det, du skrev, før din session udløb, er sat ind igen. Det er ikke gemt endnu – tryk Gem kladde eller Indsend.
followups-notice-draft = Kladden er gemt.
followups-notice-submitted = Opfølgningen er indsendt. Tak! Sekretariatet gennemgår den.
followups-notice-approved = Opfølgningen er godkendt.
followups-notice-returned = Opfølgningen er sendt retur med din kommentar.
followups-notice-decided = Beslutningen er registreret på initiativet.

## The conversation on a follow-up
followups-comment-on-behalf = Udfyldt af sekretariatet på vegne af den ansvarlige

## Validation of the form
followups-error-status-required = Vælg en status, før du indsender.
followups-error-status-unknown = Vælg en status fra listen.
followups-error-value-no-unit = Delmålet har ingen måleenhed, så der skal ikke angives en målt værdi.
followups-error-value-not-number = Skriv et tal i enheden "{ $unit }", fx 12,5.
followups-error-value-percent = En procentdel skal ligge mellem 0 og 100.
followups-error-value-too-large = Tallet er for stort.
followups-error-too-long = { $label } må højst være { $max } tegn (nu { $length }).
followups-error-proposal-initiative-only = Forslag hører kun til initiativer.
followups-error-proposal-unknown = Vælg et forslag fra listen.
followups-error-learned-initiative-only = "Hvad har vi lært" hører kun til initiativer.
followups-error-story-required = Skriv historien, hvis den må bruges i kommunikation.
followups-field-narrative = Hvad er der gjort
followups-field-next-steps = Næste skridt
followups-field-learned = Hvad har vi lært
followups-field-story = Den gode historie

## Someone else saved first
followups-conflict-title = Opfølgningen er ændret af en anden
followups-conflict-eyebrow = Ikke gemt
followups-conflict-intro-before = Mens du skrev, blev opfølgningen om
followups-conflict-intro-after = gemt af en anden ({ $at }). Din tekst er ikke gemt, men du har den her. Kopiér det, du vil beholde, over i den gemte version.
followups-conflict-open-saved = Åbn den gemte version
followups-conflict-yours = Din version (ikke gemt)
followups-conflict-saved = Den gemte version

## The steering group's decisions
followups-decisions-heading = Styregruppens beslutninger
followups-decisions-none = Ingen beslutninger endnu.
followups-decisions-proposed = Den ansvarlige foreslår:
followups-decisions-kind = Beslutning
followups-decisions-reason = Begrundelse
followups-decisions-record = Registrér beslutning
followups-decisions-error-kind = Vælg fortsæt, justér, stop eller skalér.
followups-decisions-error-reason-required = Skriv begrundelsen for beslutningen.
followups-decisions-error-reason-too-long = Begrundelsen må højst være 5000 tegn.

## The secretariat's review
followups-review-heading = Gennemgang
followups-review-comment = Kommentar til den ansvarlige (krævet ved retur)
followups-review-approve = Godkend
followups-review-return = Send retur
followups-review-error-round-closed = Runden er lukket. Intet er ændret.
followups-review-error-not-submitted = Opfølgningen er ikke indsendt (længere). Intet er ændret.
followups-review-error-comment-required = Skriv en kommentar, så den ansvarlige ved, hvad der skal rettes.
followups-review-error-comment-too-long = Kommentaren må højst være 5000 tegn.
followups-review-error-action = Vælg godkend eller send retur.

## Mine opfølgninger
followups-my-title = Mine opfølgninger – { $tenant }
followups-my-heading = Mine opfølgninger
followups-my-round = Runde { $round } – frist
followups-my-none = Du har ingen opfølgninger i en åben runde lige nu.
followups-my-to-do = Skal skrives ({ $count })
followups-my-all-done = Du er færdig med denne runde. Tak!
followups-my-done = Indsendt ({ $count })

## Rounds
followups-rounds-title = Opfølgningsrunder – { $tenant }
followups-rounds-heading = Opfølgningsrunder
followups-rounds-intro = Åbn en runde for at bede alle ansvarlige om en opfølgning på deres delmål og initiativer. En lukket runde er låst og kan altid læses.
followups-rounds-none = Der er ingen runder endnu.
followups-rounds-caption = Opfølgningsrunder, nyeste først
followups-rounds-col-round = Runde
followups-rounds-col-period-end = Periode til
followups-rounds-col-deadline = Frist
followups-rounds-col-state = Tilstand
followups-rounds-col-submitted = Indsendt
followups-rounds-col-action = Handling
followups-rounds-submitted-of = { $submitted } af { $total }
followups-rounds-approved-count = ({ $count } godkendt)
followups-rounds-open = Åbn runden
followups-rounds-close = Luk runden
followups-rounds-follow = Følg og gennemgå
followups-rounds-new = Ny runde
followups-rounds-error-summary = Runden blev ikke oprettet. Ret felterne markeret nedenfor.
followups-rounds-label = Navn
followups-rounds-label-placeholder = 2027 H1
followups-rounds-period-end = Perioden slutter
followups-rounds-deadline = Frist for de ansvarlige
followups-rounds-create = Opret runde
followups-rounds-error-label-required = Giv runden et navn, fx "2026 H1".
followups-rounds-error-label-too-long = Navnet må højst være 100 tegn.
followups-rounds-error-date = Skriv en gyldig dato mellem år 2000 og 2100.
followups-rounds-error-label-taken = Der findes allerede en runde med navnet "{ $label }".
followups-rounds-error-other-open = Runden { $other } er stadig åben. Luk den, før du åbner { $round }.

## A round's progress
followups-progress-title = { $round } – opfølgning
followups-progress-eyebrow = Opfølgningsrunde · { $state } · frist { $deadline }
followups-progress-heading = Fremdrift
followups-progress-submitted = { $submitted } af { $total } er indsendt;
followups-progress-approved-returned = { $approved } er godkendt, { $returned } er sendt retur,
followups-progress-draft-not-started = { $draft } er i gang og { $notstarted } er ikke startet.
followups-progress-by-focus-area = Pr. indsatsområde
followups-progress-by-org-unit = Pr. enhed
followups-progress-group-none = (ingen)
followups-progress-total = I alt
followups-progress-col-group = Gruppe
followups-progress-col-not-started = Ikke startet
followups-progress-col-draft = Kladde
followups-progress-col-submitted = Indsendt
followups-progress-col-returned = Retur
followups-progress-col-approved = Godkendt
followups-progress-items = Opfølgninger ({ $count })
followups-progress-col-subject = Delmål / initiativ
followups-progress-col-owner = Ansvarlig
followups-progress-col-status = Status
followups-progress-col-review = Gennemgang

## Den gode historie
followups-stories-title = Den gode historie – { $tenant }
followups-stories-eyebrow = Til kommunikation og employer branding
followups-stories-heading = Den gode historie
followups-stories-intro = Historier fra godkendte opfølgninger, som den ansvarlige har sagt må bruges i kommunikation.
followups-stories-filter = Filtrér historierne
followups-stories-focus-area = Indsatsområde
followups-stories-round = Runde
followups-stories-all = Alle
followups-stories-show = Vis
followups-stories-none = Ingen historier matcher.

## Audit summaries: the municipality's record, always written in Danish (see crate::audit::record_text)
followups-audit-submitted = Opfølgning indsendt ({ $round }): { $subject }
followups-audit-saved = Opfølgning gemt som kladde ({ $round }): { $subject }
followups-audit-reviewed = Opfølgning { $state } ({ $round }): { $subject }
followups-audit-decided = Beslutning om { $subject }: { $kind } – { $reason }
followups-audit-round-created = Opfølgningsrunden { $round } er oprettet
followups-audit-round-opened = Runden { $round } er åbnet med { $count } opfølgninger
followups-audit-round-closed = Runden { $round } er lukket

# forms (issue 12): a round opened in the same instant as another (the database refused the second)
followups-rounds-error-other-opened = En anden runde blev åbnet i samme øjeblik. Luk den, før du åbner { $round }.

## Task "mail" (13.5): the conversation on a follow-up.
followups-conversation-empty = Ingen har skrevet i samtalen endnu.
followups-conversation-owner = ansvarlig
followups-conversation-reply = Skriv i samtalen
followups-conversation-reply-hint = Sekretariatet og den ansvarlige ser svaret her. Ret selve opfølgningen i felterne nedenfor.
followups-conversation-send = Send svar
followups-conversation-error-required = Skriv et svar, før du sender.
followups-conversation-error-too-long = Svaret er for langt. Skriv højst { $max } tegn.
followups-conversation-error-closed = Runden er lukket, så der kan ikke skrives mere i samtalen.
followups-notice-replied = Dit svar er sendt. Det står nu i samtalen.

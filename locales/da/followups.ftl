# The follow-up: rounds, the owners' form, review, decisions, "Mine opfølgninger" and the stories.

followups-eyebrow = Opfølgning
followups-breadcrumbs = Brødkrummer
followups-kind-initiative = Initiativ
followups-kind-sub-goal = Delmål
followups-owner-none = ingen

## Review states as the follow-up pages show them

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
followups-form-theirs = Opfølgning
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
followups-nothing-changed = { $reason } Det, du sendte nu, er ikke gemt. Siden viser det, der er gemt.

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
followups-rounds-intro = Åbn en runde for at bede alle ansvarlige om en opfølgning på deres delmål og initiativer. En lukket runde er låst og kan altid læses; en administrator kan genåbne den.
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
followups-progress-draft-not-started = { $draft } er kladder, og { $notstarted } er ikke indberettet.
followups-progress-by-focus-area = Pr. { $term }
followups-progress-by-org-unit = Pr. enhed
followups-progress-group-none = (ingen)
followups-progress-total = I alt
followups-progress-col-group = Gruppe
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
followups-stories-round = Runde
followups-stories-all = Alle
followups-stories-show = Vis
followups-stories-none = Ingen historier matcher.

## Audit summaries: the municipality's record, always written in Danish (see crate::audit::record_text)
followups-audit-submitted = Opfølgning indsendt ({ $round }): { $subject }
followups-audit-saved = Opfølgning gemt som kladde ({ $round }): { $subject }
followups-audit-reviewed = Opfølgning { $state } ({ $round }): { $subject }
followups-audit-replied = Svar i samtalen ({ $round }): { $subject }
followups-audit-decided = Beslutning om { $subject }: { $kind } – { $reason }
followups-audit-round-created = Opfølgningsrunden { $round } er oprettet
followups-audit-round-opened = Runden { $round } er åbnet med { $count } opfølgninger
followups-audit-round-closed = Runden { $round } er lukket

# forms (issue 12): a round opened in the same instant as another (the database refused the second)
followups-rounds-error-other-opened = En anden runde blev åbnet i samme øjeblik. Luk den, før du åbner { $round }.

# followup (issues 13.6, 13.9, 14.5, 14.6): the measured value asked for, next steps carried,
# the conflict page in words, a locked follow-up read as text
followups-form-value-required-mark = (skal udfyldes ved indsendelse)
followups-form-value-required-hint = Skriv den værdi, der er målt i perioden. Er der ikke målt, så sæt kryds i "Ikke målt i perioden" nedenfor og skriv hvorfor. En kladde kan gemmes uden.
followups-form-not-measured = Ikke målt i perioden
followups-form-not-measured-reason = Hvorfor er der ikke målt? (skal udfyldes, hvis der er sat kryds)
followups-error-value-required = Skriv den målte værdi i "{ $unit }", før du indsender – eller sæt kryds i "Ikke målt i perioden" og skriv hvorfor.
followups-error-value-and-not-measured = Skriv enten en målt værdi eller sæt kryds i "Ikke målt i perioden" – ikke begge.
followups-error-not-measured-reason-required = Skriv, hvorfor der ikke er målt i perioden.
followups-error-not-measured-reason-too-long = Begrundelsen må højst være { $max } tegn (nu { $length }).
followups-error-not-measured-unticked = Du har skrevet, hvorfor der ikke er målt. Sæt kryds i "Ikke målt i perioden", eller slet begrundelsen.
followups-error-not-measured-no-unit = Der skal ikke måles på dette punkt, så "Ikke målt i perioden" skal ikke afkrydses.
followups-not-measured = Ikke målt i perioden
followups-not-measured-with-reason = Ikke målt i perioden: { $reason }
followups-notice-submitted-on-behalf = Opfølgningen er indsendt på vegne af { $owner }. Den ligger nu klar til gennemgang.
followups-notice-submitted-no-owner = Opfølgningen er indsendt på vegne af den ansvarlige. Den ligger nu klar til gennemgang.
followups-form-previous-next-steps = Næste skridt fra sidste runde
followups-form-carry-hint = Du kan tage dem med i denne opfølgning med knappen under feltet "Næste skridt".
followups-form-carry = Tag næste skridt fra sidste runde med
followups-notice-carried = Næste skridt fra sidste runde er sat ind i feltet "Næste skridt". Ret dem til – intet er gemt, før du trykker Gem kladde eller Indsend.
followups-notice-carried-already = Næste skridt fra sidste runde står allerede i feltet. Intet er ændret.
followups-notice-carried-none = Der er ingen næste skridt fra sidste runde at tage med.
followups-answer-empty = Der er ikke skrevet noget i denne opfølgning.
followups-answer-none = (ikke udfyldt)
followups-answer-story-shareable = Historien må bruges i kommunikation.
followups-answer-story-not-shareable = Historien må ikke bruges i kommunikation.
followups-refused-heading = Det, du sendte (ikke gemt)
followups-conflict-title-self = Opfølgningen er gemt i et andet vindue
followups-conflict-by-you = dig, i et andet vindue, { $at }
followups-conflict-by-name = { $name } { $at }
followups-conflict-by-someone = en anden { $at }
followups-conflict-intro-by = gemt af { $who }. Din tekst er ikke gemt, men du har den her. Kopiér det, du vil beholde, over i den gemte version.
followups-conflict-caption = Din version og den gemte version, felt for felt
followups-conflict-field = Felt
followups-conflict-differs = forskellig
followups-form-value-not-asked = Delmålet har ingen måleenhed, så der angives ingen målt værdi.
# rounds (issue 13.2, 13.3): created, edited, deleted, opened on a draft, closed, reopened
followups-rounds-created = Runden { $round } er oprettet. Åbn den, når de ansvarlige skal skrive deres opfølgning.
followups-rounds-deleted = Runden er slettet.
followups-rounds-edit = Redigér
followups-rounds-reopen = Genåbn runden
followups-rounds-mail-note = Når runden er åben, får de ansvarlige påmindelser om fristen som e-mail.
followups-rounds-mail-configured = Mail er sat op på denne installation, så påmindelserne bliver sendt.
followups-rounds-mail-not-configured = Mail er ikke sat op på denne installation: påmindelserne bliver ikke sendt, men ligger i udbakken, hvor en administrator kan læse dem.
followups-rounds-past-deadline = Fristen { $date } er allerede passeret. Er det den rigtige dato? Ret datoen, eller tryk på knappen for at bruge den alligevel.
followups-rounds-past-deadline-confirm = Ja, brug fristen alligevel
followups-rounds-error-delete-not-planned = Runden { $round } er åbnet og kan ikke slettes. Kun en planlagt runde kan slettes.
followups-edit-title = Redigér { $round }
followups-edit-heading = Redigér runden { $round }
followups-edit-crumb = Redigér
followups-edit-intro = Runden er ikke åbnet endnu, så du kan rette navn, periode og frist eller slette den.
followups-edit-form-heading = Navn, periode og frist
followups-edit-save = Gem ændringer
followups-delete-heading = Slet runden
followups-delete-lead = Runden er ikke åbnet, så ingen har skrevet noget i den. Sletningen kan ikke fortrydes.
followups-delete-confirm = Slet { $round }
followups-confirm-cancel = Fortryd
followups-open-draft-heading = Åbn { $round } på en strategi, der ikke er vedtaget?
followups-open-draft-lead = Strategien er en kladde – den er ikke vedtaget endnu.
followups-open-draft-consequence = Hvis du åbner runden nu, skriver de ansvarlige deres opfølgning på delmål, der stadig kan ændres, og styregruppens sider viser resultaterne med mærket „Kladde – ikke vedtaget“. Den offentlige side viser dem ikke, før strategien er vedtaget med „Godkend version“.
followups-open-draft-confirm = Ja, åbn runden på kladden
followups-close-heading = Luk runden { $round }?
followups-close-unfinished-lead = Ikke alle opfølgninger er færdige:
followups-close-all-finished = Alle opfølgninger i runden er godkendt.
followups-close-unfinished-submitted = { $count } venter på gennemgang
followups-close-unfinished-returned = { $count } er sendt retur og ikke indsendt igen
followups-close-unfinished-draft = { $count ->
    [one] { $count } kladde er ikke indsendt
   *[other] { $count } kladder er ikke indsendt
}
followups-close-unfinished-not-reported = { $count } ikke indberettet
followups-close-consequence = Når runden er lukket, er den låst: ingen kan skrive, indsende eller gennemgå mere i den, og styregruppen ser opfølgningerne, som de står nu. En administrator kan genåbne runden.
followups-close-confirm = Ja, luk runden
followups-reopen-heading = Genåbn runden { $round }?
followups-reopen-lead = Runden er lukket og låst.
followups-reopen-consequence = Genåbner du den, kan de ansvarlige igen skrive og indsende, og sekretariatet kan gennemgå. Begrundelsen gemmes i loggen og vises på runden.
followups-reopen-reason = Begrundelse
followups-reopen-reason-hint = Fx „To opfølgninger manglede, da runden blev lukket.“
followups-reopen-confirm = Genåbn runden
followups-reopen-error-reason-required = Skriv, hvorfor runden genåbnes.
followups-reopen-error-reason-too-long = Begrundelsen må højst være 1000 tegn.
followups-reopen-error-other-open = En anden runde er åben. Luk den, før du genåbner denne.
followups-progress-reopened = Runden blev genåbnet { $date }.
followups-progress-reopened-reason = Begrundelse: { $reason }
followups-audit-round-reopened = Runden { $round } er genåbnet. Begrundelse: { $reason }
followups-audit-round-updated = Runden { $round } er rettet
followups-audit-round-deleted = Runden { $round } er slettet
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

# The meeting pack for the steering group: the page, and the PDF made from the same texts.

meeting-pack-heading = Mødepakke
meeting-pack-page-title = Mødepakke { $round } – { $tenant }
meeting-pack-page-title-plain = Mødepakke – { $tenant }
meeting-pack-no-round = Der er ikke åbnet nogen opfølgningsrunde endnu.
meeting-pack-no-strategy = Kommunen har ingen aktiv strategi endnu.
meeting-pack-download-pdf = Hent som PDF
meeting-pack-print-hint = Eller udskriv siden fra browseren: hvert afsnit begynder på en ny side.

meeting-pack-eyebrow = Mødepakke til styregruppen
meeting-pack-round = Opfølgningsrunde { $round }
meeting-pack-period = Periode til { $date } · udarbejdet { $made }
meeting-pack-contents = Indhold
meeting-pack-summary = Resumé
meeting-pack-decisions = Beslutninger der skal tages
meeting-pack-stories = Gode historier

meeting-pack-round-open = Runden er åben: kun indsendte og godkendte opfølgninger tælles med.
meeting-pack-round-closed = Runden er lukket: alle opfølgninger tælles med, som de stod ved lukningen.
meeting-pack-completion = { $submitted } af { $total } opfølgninger er indsendt ({ $percent } %),
meeting-pack-completion-approved = heraf { $approved } godkendt.
meeting-pack-total = I alt
meeting-pack-whole-strategy = Hele strategien
meeting-pack-turned-red-since = Blevet kritiske siden { $round }
meeting-pack-turned-red-since-last = Blevet kritiske siden sidste runde
meeting-pack-overdue = Fristen er overskredet uden at delmålet er gennemført
meeting-pack-none = Ingen.
meeting-pack-deadline = frist { $date }

meeting-pack-focus-area-number = { $label } { $number }
meeting-pack-director = Ansvarlig direktør: { $name }
meeting-pack-col-sub-goal = Delmål
meeting-pack-col-status = Status
meeting-pack-col-measured-target = Målt / mål
meeting-pack-col-owner = Ansvarlig
meeting-pack-changed = Ændret
meeting-pack-changed-since-last = ændret siden sidste runde
meeting-pack-before = før: { $status }
meeting-pack-measured = målt { $value }
meeting-pack-target = mål { $value }

meeting-pack-no-decisions = Ingen forslag venter på en beslutning i denne runde.
meeting-pack-kind-initiative = initiativ
meeting-pack-kind-sub-goal = delmål
meeting-pack-learned = Det har vi lært: { $text }
meeting-pack-no-stories = Der er ingen godkendte historier til deling endnu.
meeting-pack-quote = »{ $text }«

# The PDF: each page's foot ends with the page number; the file name is ASCII only.
meeting-pack-pdf-footer = { $tenant } · Mødepakke { $round } · side
meeting-pack-file-name = mødepakke

# docxout (issue 16.2): Word downloads of the meeting pack and of approved versions
word-download = Hent som Word
word-pack-running = { $tenant } · Mødepakke { $round }
word-version-running = { $tenant } · { $strategy } · version { $number }
word-latest-version = Den nyeste er version { $number }.
word-goals-heading = Mål og delmål
word-col-sub-goal = Delmål
word-col-status = Status
word-col-measured = Målt værdi
word-col-target = Målværdi
word-col-deadline = Frist
word-col-owner = Ansvarlig
word-indicator = Indikator: { $text }
word-col-baseline = Udgangspunkt
word-file-name-strategy = strategi

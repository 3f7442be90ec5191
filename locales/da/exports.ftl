# The export page, and the column headers and words of the CSV and XLSX files.

exports-page-title = Eksport – { $tenant }
exports-eyebrow = Eksport
exports-heading = Hent strategien som regneark
exports-lead = { $strategy } med opfølgningerne fra den runde, du vælger. En række pr. delmål og pr. initiativ.
exports-error-round = Vælg en runde fra listen.
exports-error-format = Vælg CSV eller Excel (XLSX).
exports-no-strategy = Kommunen har endnu ingen strategi at hente.
exports-form-label = Vælg runde og format
exports-round-label = Opfølgningsrunde
exports-round-option = { $round } ({ $state }, periode til { $date })
exports-no-round = Ingen runde – kun strategien
exports-formats-hint = CSV åbner direkte i dansk Excel (semikolon, decimalkomma, datoer som 31-12-2026). Excel-filen (XLSX) har tal og datoer som rigtige tal og datoer.
exports-download-xlsx = Hent Excel (XLSX)
exports-download-csv = Hent CSV

# The files: the sheet's name (at most 31 characters), the file name's word (ASCII), the columns.
exports-sheet-name = Strategi og opfølgning
exports-file-name = strategi
exports-kind-initiative = Initiativ
exports-kind-sub-goal = Delmål
exports-col-type = Type
exports-col-focus-area = Indsatsområde
exports-col-goal = Mål
exports-col-sub-goal-or-initiative = Delmål / initiativ
exports-col-indicator = Indikator
exports-col-unit = Enhed
exports-col-baseline = Udgangspunkt
exports-col-baseline-date = Målt pr.
exports-col-target = Målværdi
exports-col-deadline = Frist / evaluering
exports-col-lifecycle = Livsforløb
exports-col-owner = Ansvarlig
exports-col-org-unit = Enhed i organisationen
exports-col-status = Status
exports-col-measured = Målt værdi
exports-col-narrative = Hvad er der gjort
exports-col-next-steps = Næste skridt

# Session 6, issue 13 point 10 (forms): the goal's short title.
exports-col-goal-short-title = Målets korte titel
exports-col-review = Indberetning

# rounds (issue 13.11): the follow-up's round, story and the review's comment
exports-col-round = Runde
exports-col-story = Den gode historie
exports-col-review-comment = Kommentar ved gennemgang

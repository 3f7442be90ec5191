# The audit log page (the stored event summaries are records and are shown as written).

audit-title = Revisionsspor – { $tenant }
audit-eyebrow = Administration
audit-heading = Revisionsspor
audit-intro = Hvem gjorde hvad og hvornår: logins, brugere, roller og alle ændringer af strategi og opfølgninger.
audit-filter = Filtrér revisionssporet
audit-filter-action = Hændelse
audit-filter-all = Alle
audit-filter-actor = Person
audit-filter-from = Fra dato
audit-filter-to = Til dato
audit-filter-date-error = Skriv en dato som 2025-06-30.
audit-filter-submit = Filtrér
audit-none = Ingen hændelser matcher.
audit-caption = Hændelser, nyeste først
audit-col-at = Tidspunkt
audit-col-actor = Person
audit-col-action = Hændelse
audit-col-summary = Beskrivelse
audit-change = Før og efter
audit-change-before = Før
audit-change-after = Efter
audit-pages = Sider
audit-newer = ← Nyere
audit-older = Ældre →
audit-record-strategy-imported = Strategien "{ $title }" blev indlæst fra fil

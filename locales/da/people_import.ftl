# People and org units from a spreadsheet (src/people_import/): export, upload, preview, import.

people-sheet-people = Personer
people-sheet-org-units = Organisation
people-col-email = E-mail
people-col-name = Navn
people-col-title = Titel
people-col-org-unit = Enhed
people-col-level = Ledelsesniveau
people-col-role = Rolle
people-col-active = Aktiv
people-col-unit-path = Enhed (sti)
people-col-unit-kind = Type
people-col-row = Række
people-col-access = Adgang
people-col-changes = Ændringer
people-active-yes = ja
people-active-no = nej
people-file-name = personer

people-import-link = Importér fra regneark
people-import-title = Importér personer fra regneark
people-import-intro = Hent kommunens personer som regneark, ret dem i Excel, og indlæs filen igen. Du ser alt, hvad der vil ske, før noget gemmes.
people-import-failed = Filen kunne ikke læses.
people-export-heading = Hent personerne
people-export-xlsx = Hent som regneark (Excel)
people-export-csv = CSV
people-import-heading = Indlæs en fil
people-rules-title = Sådan læses filen
people-rule-columns = Kolonnerne er E-mail, Navn, Titel, Enhed, Ledelsesniveau, Rolle og Aktiv – på dansk eller engelsk. E-mail og Rolle skal være der; Navn skal udfyldes for nye personer.
people-rule-match = Personer genkendes på deres e-mailadresse (store og små bogstaver er lige meget). En ny adresse bliver en ny person.
people-rule-units = Enheden skrives som en sti: «Børn og Unge / Skoler». Excel-filens ark «Organisation» kan oprette nye enheder.
people-rule-missing = En kolonne, der ikke er med, ændrer ingenting. En tom celle i en kolonne, der er med, betyder «ingen» (ingen titel, enhed eller ledelsesniveau).
people-rule-active = Ingen slettes. Kun «nej» i kolonnen Aktiv deaktiverer en person.
people-rule-new = Nye personer får en invitation på mail – undtagen når kommunen kun logger ind via sin egen log-ind-udbyder, og adressen hører til den.
people-rule-bounds = CSV (UTF-8, adskilt med semikolon eller komma) eller Excel-projektmappe (.xlsx), højst { $max } MB og { $rows } rækker.
people-file-label = Fil (CSV eller .xlsx)
people-upload-button = Vis hvad der vil ske
people-no-file = Vælg en fil.
people-upload-gone = Filen findes ikke længere. Indlæs den igen.

people-refused-not-supported = Filen er hverken CSV eller en Excel-projektmappe (.xlsx). Gem den fra Excel som «CSV UTF-8» eller som .xlsx, og prøv igen.
people-refused-not-utf8 = CSV-filen er ikke gemt som UTF-8, så æ, ø og å ville blive forkerte. Gem den fra Excel som «CSV UTF-8 (kommasepareret)», og prøv igen.
people-refused-old-xls = Filen er i det gamle Excel-format (.xls). Gem den som Excel-projektmappe (.xlsx) eller CSV UTF-8, og prøv igen.
people-refused-encrypted = Filen er beskyttet med adgangskode, så Retning kan ikke læse den. Fjern adgangskoden i Excel, gem, og prøv igen.
people-refused-corrupt = Filen kunne ikke læses; den er måske ødelagt eller ikke gemt helt. Gem den igen, og prøv en gang til.
people-refused-unpacked = Filen fylder alt for meget, når den pakkes ud, til at være en liste over personer.
people-refused-rows = Filen har flere end { $max } rækker. Del den op i flere filer.
people-refused-no-headings = Første række skal have kolonnernes navne: { $columns }.
people-refused-too-large = Filen er for stor. Retning tager filer op til { $max } MB.
people-refused-unreadable = Filen kom ikke helt frem. Vælg den igen, og prøv en gang til.

people-place-sheet = Ark «{ $sheet }»
people-place-row = række { $row }
people-place-column = kolonne { $column }

people-problem-formula = Cellen er en formel. Retning regner ikke formler ud; skriv værdien i stedet.
people-problem-error-cell = Cellen viser en fejl ({ $shown }).
people-problem-column-twice = Kolonnen findes to gange.
people-problem-unknown-column = Kolonnen kendes ikke og bliver ikke læst.
people-problem-missing-column = Kolonnen «{ $heading }» mangler.
people-problem-email-required = Skriv personens e-mailadresse.
people-problem-email-twice = Samme e-mailadresse som i række { $row }.
people-problem-role-required = Skriv personens rolle.
people-problem-role = Rollen «{ $value }» kendes ikke. Skriv en af: { $words }.
people-problem-level = Ledelsesniveauet «{ $value }» kendes ikke. Skriv en af: { $words } – eller lad cellen stå tom.
people-problem-active = Skriv «ja» eller «nej» (ikke «{ $value }»).
people-problem-too-long = Højst { $max } tegn.
people-problem-unit = Enheden «{ $path }» findes ikke. Skriv hele stien, fx «Børn og Unge / Skoler», eller opret den i arket «Organisation».
people-problem-path-empty-name = Stien har et tomt navn (to skråstreger efter hinanden eller en i enden).
people-problem-path-required = Skriv enhedens sti.
people-problem-new-inactive = En ny person kan ikke oprettes som inaktiv. Skriv «ja», eller fjern rækken.
people-problem-last-admin = Kommunen ville stå uden en aktiv administrator. Lad mindst én administrator være aktiv.
people-note-own-name = Navnet «{ $name }» bruges ikke: personens navn er deres eget og forbliver «{ $kept }».

people-preview-title = Det vil ske
people-done-title = Personerne er indlæst
people-preview-file = Fil: { $name }
people-preview-nothing-saved = Intet er gemt endnu. Læs listen, og tryk «Importér» nederst.
people-problems-title = { $count ->
    [one] 1 ting skal rettes, før filen kan indlæses
   *[other] { $count } ting skal rettes, før filen kan indlæses
}
people-problems-lead = Intet er gemt. Ret filen, og indlæs den igen.
people-notes-title = Værd at vide
people-no-changes = Filen ændrer ingenting: alle { $count } personer er, som de er.
people-summary-title = Sammenfatning
people-summary-done = Det skete
people-summary-new = { $count ->
    [one] 1 ny person
   *[other] { $count } nye personer
}
people-summary-changed = { $count ->
    [one] 1 person ændres
   *[other] { $count } personer ændres
}
people-summary-unchanged = { $count ->
    [one] 1 person er uændret
   *[other] { $count } personer er uændrede
}
people-summary-units = { $count ->
    [one] 1 ny enhed
   *[other] { $count } nye enheder
}
people-group-units = Nye enheder ({ $count })
people-group-new = Nye personer ({ $count })
people-group-changed = Ændrede personer ({ $count })
people-access-mail = Invitation på mail
people-access-provider = Logger ind via kommunens udbyder
people-change = { $field }: { $before } → { $after }
people-value-none = (ingen)
people-confirm = Importér
people-confirm-note = Alt gemmes på én gang, eller intet gemmes.
people-upload-another = Indlæs en anden fil
people-back-to-users = Tilbage til brugerne
people-already-imported = Filen er allerede indlæst. Intet er indlæst en gang til.
people-changed-since = Personerne eller enhederne er ændret, siden du så forhåndsvisningen. Intet er gemt; her er, hvad filen vil gøre nu.

people-audit-imported = Personer indlæst fra regneark: { $added } nye, { $changed } ændrede, { $units } nye enheder
people-audit-unit-created = Enhed oprettet fra regneark: { $path }
people-audit-role-changed = { $name }: rolle ændret fra regneark
people-audit-member-updated = { $name }: placering ændret fra regneark

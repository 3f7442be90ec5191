# Issue 16.3 (docengine): the Word import's reader — why a file is refused, and what it noticed.
document-reader-refused-not-docx = Filen er ikke et Word-dokument (DOCX). Gem dokumentet som .docx i Word, eller indsæt teksten fra PDF'en.
document-reader-refused-encrypted = Dokumentet er beskyttet med en adgangskode. Fjern adgangskoden i Word (Filer → Info → Beskyt dokument), gem og prøv igen.
document-reader-refused-corrupt = Dokumentet er beskadiget og kan ikke læses. Åbn det i Word, gem det igen som .docx og prøv igen.
document-reader-refused-too-large = Dokumentet er for stort. Det må højst fylde { $megabytes } MB, også udpakket; gem det uden billeder, eller indsæt teksten fra PDF'en.
document-reader-refused-empty = Dokumentet indeholder ingen tekst.
document-reader-note-no-headings = Dokumentet har ingen overskrifter, så strukturen er gættet ud fra teksten alene. Brug Words typografier "Overskrift 1" og "Overskrift 2" til indsatsområder for et bedre forslag.
document-reader-note-no-focus-areas = Der blev ikke fundet nogen indsatsområder. Tilføj dem selv, eller giv dem overskrifter i dokumentet og indlæs det igen.
document-reader-note-no-period = Strategiens periode stod ikke i dokumentet. Udfyld den selv.
document-reader-note-impossible-date = Datoen "{ $phrase }" findes ikke, så den er ikke foreslået som frist.

# Issue 16.3 (docweb helper): the Word import's pages — upload, preview with corrections, accept.
wordimport-link = Indlæs fra Word-dokument
wordimport-upload-title = Indlæs strategien fra et Word-dokument
wordimport-upload-intro = Retning læser dokumentets overskrifter, lister og sætninger og foreslår strategiens titel, periode, fokusområder, mål og delmål med frister og målværdier. Du ser forslaget og retter det, før noget gemmes. Resultatet bliver en ny kladde.
wordimport-upload-not-read = Dokumentet blev ikke læst
wordimport-file-heading = Upload Word-dokumentet
wordimport-file-label = Word-dokument (.docx), højst { $max } MB
wordimport-file-hint = Strategien, som den blev vedtaget. Er den kun en PDF, så indsæt teksten nedenfor.
wordimport-read-file = Læs dokumentet
wordimport-text-heading = Eller indsæt teksten fra PDF'en
wordimport-text-label = Indsæt teksten fra PDF'en
wordimport-text-hint = Åbn PDF'en, markér al teksten (Ctrl+A), kopiér den (Ctrl+C), og indsæt den her (Ctrl+V).
wordimport-read-text = Læs teksten
wordimport-existing-draft = Kommunen har allerede en kladde til en strategi: { $title }.
wordimport-existing-active = Kommunen har allerede en vedtaget strategi: { $title }.
wordimport-existing-rule = Retning arbejder med én strategi ad gangen, så et dokument kan kun indlæses som kladde, når kommunen ikke har en strategi i Retning. Du kan stadig se, hvad Retning læser i dokumentet.
wordimport-existing-link = Gå til strategien
wordimport-not-found = ikke fundet
wordimport-from-document = Fra dokumentet:
wordimport-found-words = Fundet i sætningen:
wordimport-include = Medtag
wordimport-preview-title = Forslag fra dokumentet
wordimport-read-from-text = Læst fra den indsatte tekst.
wordimport-read-from-file = Læst fra { $name }.
wordimport-preview-lead = Ret det, der er læst forkert, og fjern fluebenet ved det, der ikke skal med. Intet er gemt endnu.
wordimport-found-counts = Retning fandt { $areas ->
        [one] ét fokusområde
       *[other] { $areas } fokusområder
    }, { $goals ->
        [one] ét mål
       *[other] { $goals } mål
    } og { $sub_goals ->
        [one] ét delmål
       *[other] { $sub_goals } delmål
    }.
wordimport-found-no-deadline = { $count ->
        [one] Ét delmål mangler en frist.
       *[other] { $count } delmål mangler en frist.
    }
wordimport-not-saved = Kladden er ikke oprettet.
wordimport-notes-title = Det bemærkede Retning
wordimport-strategy-heading = Strategien
wordimport-field-strategy-title = Strategiens titel
wordimport-field-first-year = Første år
wordimport-field-last-year = Sidste år
wordimport-year-hint = Fx 2024 og 2030.
wordimport-period-from-document = Perioden fra dokumentet:
wordimport-field-area-term = Dokumentets ord for et fokusområde
wordimport-area-term-hint = Fx Spor eller Indsatsområde. Tomt: Fokusområde.
wordimport-accept-note = Kun det afkrydsede oprettes. Mål og delmål under et fokusområde uden flueben kommer ikke med.
wordimport-accept = Indlæs som kladde
wordimport-start-over = Start forfra
wordimport-back-to-editing = Tilbage til Redigér strategi
wordimport-area-number = Fokusområde { $number }
wordimport-goal-number = Mål { $number }
wordimport-sub-goal-number = Delmål { $number }
wordimport-error-place = { $place }, { $field }
wordimport-error-line = { $field }: { $message }
wordimport-error-year = Skriv et årstal mellem { $first } og { $last }, fx 2030.
wordimport-refused-unreadable = Uploaden kom ikke helt frem. Vælg filen igen, og prøv en gang til.
wordimport-no-file = Vælg et Word-dokument at uploade.
wordimport-no-text = Indsæt teksten fra PDF'en i feltet.
wordimport-refused-text-too-long = Teksten er for lang: højst { $max } MB. Et strategidokument er langt kortere; tjek, at det er den rigtige tekst.
wordimport-refused-text-too-long-document = Dokumentet indeholder langt mere tekst, end en strategi gør. Tjek, at det er det rigtige dokument.
wordimport-refused-nothing-found = Retning fandt ingen fokusområder i dokumentet: ingen overskrifter eller afsnit, der ligner en strategis. Tjek, at det er strategidokumentet. Er det en PDF omsat til Word, så prøv at indsætte teksten fra PDF'en i stedet.
wordimport-refused-existing = Kladden er ikke oprettet, fordi kommunen allerede har en strategi i Retning.
wordimport-audit-counts = { $areas } fokusområder, { $goals } mål, { $sub_goals } delmål
wordimport-audit-imported-text = Strategien «{ $title }» er indlæst fra indsat tekst ({ $counts })
wordimport-audit-imported-file = Strategien «{ $title }» er indlæst fra Word-dokumentet «{ $file }» ({ $counts })
wordimport-done-title = Strategien er indlæst
wordimport-done-created = Kladden { $title } er oprettet.
wordimport-done-counts = Den har { $areas ->
        [one] ét fokusområde
       *[other] { $areas } fokusområder
    }, { $goals ->
        [one] ét mål
       *[other] { $goals } mål
    } og { $sub_goals ->
        [one] ét delmål
       *[other] { $sub_goals } delmål
    }.
wordimport-done-next = Under Redigér strategi kan du tilføje ansvarlige, indikatorer og udgangspunkter og rette resten. Strategien er en kladde, indtil en version er godkendt.
wordimport-done-edit = Redigér kladden
wordimport-done-view = Se strategien
wordimport-gone-title = Forslaget er udløbet
wordimport-gone-text = Et forslag fra et dokument kan indlæses i et døgn. Dette er for gammelt, men intet er gået tabt: upload dokumentet igen for at se et nyt forslag.

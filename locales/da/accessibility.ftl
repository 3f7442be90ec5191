# The accessibility statement (tilgængelighedserklæring) required by the web accessibility act.

accessibility-title = Tilgængelighedserklæring
accessibility-eyebrow = Webtilgængelighed
accessibility-heading = Tilgængelighedserklæring for Retning
accessibility-lead = Retning skal kunne bruges af alle – også af dem, der bruger skærmlæser, forstørrelse, tale­genkendelse eller kun tastaturet. Webstedet er omfattet af lov om tilgængelighed af offentlige organers websteder og mobilapplikationer (webtilgængelighedsloven), og målet er at overholde WCAG 2.1 niveau AA.

accessibility-status-heading = Overholdelsesstatus
accessibility-status-before = Retning er
accessibility-status-strong = delvist i overensstemmelse
accessibility-status-after = med WCAG 2.1 niveau AA. Det skyldes de punkter, der står under „Indhold, der ikke er tilgængeligt“.

accessibility-testing-heading = Sådan tester vi
accessibility-testing-no-script = Alle sider virker uden JavaScript. Formularer har synlige labels, og en fejl vises ved det felt, den gælder, og i en oversigt øverst på siden.
accessibility-testing-colour = Status vises aldrig kun med farve: der er altid et symbol og en tekst, og skærmlæsere læser teksten, ikke symbolet. Diagrammer har en synlig titel og en beskrivelse og efterfølges af en tabel med de samme tal.
accessibility-testing-axe = Projektets automatiske test kører axe-core mod de vigtigste sider i en rigtig browser ved hver ændring af koden. De tjekker også, at siderne kan læses uden at rulle sidelæns i en bredde på 320 CSS-pixel (svarer til 400 % zoom), og at tabellerne stadig har deres kolonneoverskrifter, når skærmen er smal.

accessibility-gaps-heading = Indhold, der ikke er tilgængeligt
accessibility-gaps-pdf-label = Mødepakken som PDF
accessibility-gaps-pdf = er ikke tagget til skærmlæsere. Den samme mødepakke findes som HTML-side, der kan læses med skærmlæser og printes.
accessibility-gaps-language-label = Sproget:
accessibility-gaps-language = brugerfladen findes på dansk og engelsk. Kommunens egne tekster – strategien, opfølgningerne og historierne – vises på det sprog, de er skrevet på.
accessibility-gaps-manual-label = Manuel gennemgang:
accessibility-gaps-manual = Retning har endnu ikke haft en fuld manuel gennemgang af en uafhængig ekspert, og brug med tastatur alene, forstørrelse og skærmlæser er ikke gennemtestet på alle sider. Den automatiske test finder ikke alle fejl.

accessibility-feedback-heading = Feedback og kontakt
accessibility-feedback = Det er kommunen, der bruger Retning, som svarer for tilgængeligheden over for dig. Oplever du problemer, så kontakt kommunens sekretariat for strategien eller den, der har givet dig adgang til Retning. Beskriv gerne siden, hvad du ville gøre, og hvilket hjælpemiddel du bruger, så fejlen kan blive rettet.

accessibility-enforcement-heading = Håndhævelse
accessibility-enforcement = Får du ikke et tilfredsstillende svar, kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med webtilgængelighedsloven (digst.dk).

accessibility-about-heading = Om erklæringen
accessibility-about = Erklæringen er udarbejdet på grundlag af en selvevaluering og automatiske test. Den opdateres, når Retning ændres.

# layout (session 6, issue 14.9): the statement's date and contact, the known limits of narrow
# screens, and each municipality's own statement address (Administration → Udseende).
accessibility-reviewed = Erklæringen er senest gennemgået { $date }.
accessibility-contact-own = Kommunens egen tilgængelighedserklæring, lavet i Digitaliseringsstyrelsens WAS-Tool, har kommunens kontaktoplysninger. Den står som link nederst på kommunens sider i Retning og på kommunens offentlige statusside.
accessibility-gaps-narrow-label = Smalle skærme og stor zoom:
accessibility-gaps-narrow = tabeller med mange tal (status pr. område, fremdrift i en runde, mødepakkens resumé) og diagrammerne ruller sidelæns i deres egen boks, når skærmen er smal. Selve siden ruller ikke sidelæns. Tallene i diagrammerne står også i tabellen under dem.
accessibility-setting-heading = Kommunens tilgængelighedserklæring
accessibility-setting-lead = Efter webtilgængelighedsloven skal kommunen selv have en tilgængelighedserklæring, lavet i Digitaliseringsstyrelsens WAS-Tool. Skriv adressen her, så linket nederst på kommunens sider og på den offentlige statusside går dertil. Står feltet tomt, går linket til Retnings egen erklæring.
accessibility-setting-field = Adresse på kommunens tilgængelighedserklæring
accessibility-setting-hint = Hele adressen, der begynder med https://, fx https://www.was.digst.dk/sonderborg-dk
accessibility-setting-save = Gem adressen
accessibility-setting-saved = Adressen er gemt. Linket nederst på kommunens sider går nu dertil.
accessibility-setting-not-saved = Adressen er ikke gemt:
accessibility-url-error-format = „{ $input }“ er ikke en hel webadresse. Kopiér adressen fra browserens adresselinje, fx https://www.was.digst.dk/sonderborg-dk.
accessibility-url-error-https = „{ $input }“ begynder ikke med https://. Erklæringen skal have en sikker adresse; WAS-Tool giver en, der begynder med https://.
accessibility-audit-set = Adressen på kommunens tilgængelighedserklæring er sat til { $url }
accessibility-audit-reset = Kommunens sider linker igen til Retnings egen tilgængelighedserklæring

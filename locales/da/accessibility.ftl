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
accessibility-testing-no-script = Alle sider virker uden JavaScript. Formularer har synlige labels; fejl vises ved feltet og samles øverst med links til felterne.
accessibility-testing-colour = Status vises aldrig kun med farve: der er altid et symbol og en tekst. Diagrammer er tegnet som SVG med titel og beskrivelse og har en tabel med de samme tal.
accessibility-testing-axe = Projektets automatiske test kører axe-core mod de vigtigste sider i en rigtig browser ved hver ændring af koden.

accessibility-gaps-heading = Indhold, der ikke er tilgængeligt
accessibility-gaps-pdf-label = Mødepakken som PDF
accessibility-gaps-pdf = er ikke tagget til skærmlæsere. Den samme mødepakke findes som HTML-side, der kan læses med skærmlæser og printes.
accessibility-gaps-language-label = Sproget:
accessibility-gaps-language = brugerfladen findes på dansk og engelsk. Kommunens egne tekster – strategien, opfølgningerne og historierne – vises på det sprog, de er skrevet på.
accessibility-gaps-manual-label = Manuel gennemgang:
accessibility-gaps-manual = Retning har endnu ikke haft en fuld manuel gennemgang af en uafhængig ekspert, og brug med tastatur alene, forstørrelse og skærmlæser er ikke gennemtestet på alle sider. Den automatiske test finder ikke alle fejl.

accessibility-feedback-heading = Feedback og kontakt
accessibility-feedback = Oplever du problemer med tilgængeligheden, så kontakt din kommunes sekretariat eller den, der har givet dig adgang til Retning. Beskriv gerne siden, hvad du ville gøre, og hvilket hjælpemiddel du bruger, så vi kan rette fejlen.

accessibility-enforcement-heading = Håndhævelse
accessibility-enforcement = Får du ikke et tilfredsstillende svar, kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med webtilgængelighedsloven (digst.dk).

accessibility-about-heading = Om erklæringen
accessibility-about = Erklæringen er udarbejdet på grundlag af en selvevaluering og automatiske test. Den opdateres, når Retning ændres.

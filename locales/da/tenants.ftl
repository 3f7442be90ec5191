# The front page, listing the signed-in user's municipalities.

tenants-title = Forside
tenants-lead = Kommunens strategi og den halvårlige opfølgning ét sted: indsatsområder, mål og SMARTe delmål med ansvarlige, status og den gode historie.
tenants-sign-in = Log ind
tenants-mine = Dine kommuner
tenants-none = Du er ikke medlem af nogen kommune endnu. Bed kommunens administrator om en invitation.
tenants-demo = Demo

## Session 6, helper "people" (issue 13, point 1): "Kom i gang", the getting-started checklist
home-checklist-heading = Kom i gang
home-checklist-progress = { $done } af { $total } trin er klaret. Listen forsvinder, når den første opfølgningsrunde er åbnet.
home-checklist-done = Klaret
home-checklist-next = Næste trin
home-checklist-strategy = Strategiens grundtekst
home-checklist-strategy-todo = Skriv strategiens titel, periode og indledning.
home-checklist-strategy-done = Strategien har titel, periode og indledning.
home-checklist-strategy-link = Skriv grundteksten
home-checklist-strategy-edit = Redigér grundteksten
home-checklist-focus-areas = Fokusområder
home-checklist-focus-areas-todo = Opret de områder, strategien samler indsatsen i.
home-checklist-focus-areas-count = { $count ->
    [one] 1 fokusområde
   *[other] { $count } fokusområder
}
home-checklist-focus-areas-link = Opret et fokusområde
home-checklist-goals = Mål
home-checklist-goals-todo = Skriv målene under hvert fokusområde.
home-checklist-goals-count = { $count } mål
home-checklist-goals-link = Skriv mål
home-checklist-sub-goals = Delmål med en ansvarlig
home-checklist-sub-goals-todo = Skriv delmål under målene, og giv hvert delmål en ansvarlig, som følger op på det.
home-checklist-sub-goals-count = { $owned } af { $count } delmål har en ansvarlig.
home-checklist-sub-goals-link = Tilføj delmål og ansvarlige
home-checklist-people = Personer og enheder
home-checklist-people-count = { $units ->
    [one] 1 enhed
   *[other] { $units } enheder
}, { $people ->
    [one] 1 person
   *[other] { $people } personer
} (med inviterede).
home-checklist-org-units-link = Opret enheder
home-checklist-people-link = Invitér personer
home-checklist-round = Den første opfølgningsrunde
home-checklist-round-todo = Opret og åbn en runde, så de ansvarlige kan følge op på deres delmål.
home-checklist-round-planned = En runde er oprettet, men ikke åbnet endnu.
home-checklist-round-link = Gå til runderne
home-checklist-who-admin = Det gør en administrator.
home-checklist-who-secretariat = Det gør sekretariatet.

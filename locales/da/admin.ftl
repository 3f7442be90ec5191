# Administration of a municipality: users, API keys, the public page's settings, the outbox.

admin-eyebrow = Administration
admin-tabs-label = Administration
admin-tab-users = Brugere
admin-tab-audit = Revisionsspor
admin-tab-outbox = Udbakke
admin-tab-public = Offentlig side
admin-tab-api-tokens = API-nøgler
admin-breadcrumbs = Brødkrummer
admin-save = Gem

## Users

admin-users-page-title = Brugere – { $tenant }
admin-users-heading = Brugere
admin-users-saved = Ændringerne er gemt.
admin-users-deactivated = Brugeren er deaktiveret og har ikke længere adgang til kommunen.
admin-users-activated = Brugeren er aktiv igen.
admin-users-invite-heading = Invitér en bruger
admin-users-invite-failed = Invitationen blev ikke sendt. Ret felterne markeret nedenfor.
admin-users-email = E-mail
admin-users-name = Navn
admin-users-role = Rolle
admin-users-invite-button = Invitér
admin-users-all = Alle brugere ({ $count })
admin-users-caption = Brugere i kommunen
admin-users-col-title-unit = Stilling og enhed
admin-users-col-last-sign-in = Senest logget ind
admin-users-col-status = Status
admin-users-state-deactivated = Deaktiveret
admin-users-state-invited = Inviteret
admin-users-state-active = Aktiv
admin-users-never = aldrig
admin-users-error-email = Skriv en gyldig e-mailadresse, fx navn@kommune.dk.
admin-users-error-name-empty = Skriv personens navn.
admin-users-error-name-too-long = Navnet må højst være 200 tegn.
admin-users-error-role = Vælg en rolle.
admin-users-error-already-member = Personen er allerede bruger i kommunen. Ret rollen i listen nedenfor.
admin-users-error-last-admin = Kommunen skal have mindst én aktiv administrator.

## One user

admin-user-page-title = { $name } – brugere
admin-user-last-sign-in = senest logget ind: { $when }
admin-user-deactivated = deaktiveret
admin-user-role-heading = Rolle og placering
admin-user-failed = Ændringerne blev ikke gemt. Ret felterne markeret nedenfor.
admin-user-job-title = Stilling
admin-user-unit = Enhed
admin-user-no-unit = (ingen)
admin-user-level = Ledelsesniveau
admin-user-not-leader = (ikke leder)
admin-user-access-heading = Adgang
admin-user-new-password-link = Lav link til ny adgangskode
admin-user-new-invitation-link = Lav nyt invitationslink
admin-user-deactivate = Deaktivér
admin-user-activate = Aktivér igen
admin-user-error-level = Vælg et ledelsesniveau fra listen.
admin-user-error-unit = Vælg en enhed fra listen.
admin-user-error-title-too-long = Titlen må højst være 300 tegn.

## Audit-log summaries written when an administrator acts

admin-audit-user-invited = { $name } ({ $email }) inviteret som { $role }
admin-audit-role-changed = { $name }: rolle ændret fra { $from } til { $to }
admin-audit-member-updated = { $name }: stilling og placering ændret
admin-audit-activated = { $name } er aktiveret
admin-audit-deactivated = { $name } er deaktiveret
admin-audit-password-link = Nyt link til at vælge adgangskode for { $name }
admin-audit-token-created = API-nøglen »{ $name }« er oprettet
admin-audit-token-revoked = API-nøglen »{ $name }« er tilbagekaldt
admin-audit-public-shown = Den offentlige side viser { $count } områder
admin-audit-public-off = Den offentlige side er slået fra

## API keys

admin-tokens-page-title = API-nøgler – { $tenant }
admin-tokens-heading = API-nøgler
admin-tokens-lead = Med en API-nøgle kan kommunens BI-værktøjer (fx Power BI) læse strategien, runderne, opfølgningerne og initiativerne. Nøglen giver kun læseadgang og kun til denne kommune.
admin-tokens-revoked = Nøglen er tilbagekaldt og virker ikke længere.
admin-tokens-revoke-unknown = Nøglen findes ikke eller er allerede tilbagekaldt. Intet er ændret.
admin-tokens-created = API-nøglen »{ $name }« er oprettet. Kopiér den nu – den vises kun denne ene gang og kan ikke findes frem igen:
admin-tokens-send-in-header = Send den i headeren
admin-tokens-header-example = Authorization: Bearer <nøgle>
admin-tokens-create-heading = Opret en API-nøgle
admin-tokens-create-failed = Nøglen blev ikke oprettet. Ret feltet nedenfor.
admin-tokens-name-label = Navn (hvad nøglen bruges til)
admin-tokens-error-empty = Giv nøglen et navn, fx »Power BI – økonomi«.
admin-tokens-error-too-long = Navnet må højst være 100 tegn.
admin-tokens-error-taken = Der findes allerede en aktiv nøgle med det navn. Vælg et andet navn, eller tilbagekald den gamle først.
admin-tokens-create-button = Opret nøgle
admin-tokens-list-heading = Nøgler ({ $count })
admin-tokens-none = Der er ingen API-nøgler endnu.
admin-tokens-caption = Kommunens API-nøgler
admin-tokens-col-name = Navn
admin-tokens-col-hint = Begynder med
admin-tokens-col-created = Oprettet
admin-tokens-col-last-used = Senest brugt
admin-tokens-col-status = Status
admin-tokens-created-by = af { $name }
admin-tokens-never-used = aldrig
admin-tokens-revoked-on = Tilbagekaldt { $when }
admin-tokens-revoke = Tilbagekald
admin-tokens-doc-heading = Sådan bruges API'et
admin-tokens-doc-addresses = Adresserne begynder med
admin-tokens-doc-and = og
admin-tokens-doc-paging = Lister svarer i sider med et
admin-tokens-doc-paging-link = -link.
admin-tokens-doc-openapi = Beskrivelsen (OpenAPI) findes på

## The public page's settings

admin-public-page-title = Offentlig side – { $tenant }
admin-public-heading = Offentlig statusside
admin-public-lead = Siden viser borgerne den vedtagne strategi for de valgte områder og status fra godkendte opfølgninger i afsluttede runder. Den viser aldrig kladder, navne på medarbejdere eller interne kommentarer.
admin-public-saved = Indstillingerne er gemt.
admin-public-is-public = Siden er offentlig på
admin-public-not-public = Siden er ikke offentlig.
admin-public-error-none-selected = Vælg mindst ét område, der skal vises, før siden slås til.
admin-public-error-unknown-area = Vælg områderne fra listen.
admin-public-nothing-saved = Intet er gemt.
admin-public-no-strategy = Kommunen har ingen aktiv strategi, så der er intet at vise offentligt endnu.
admin-public-enable = Vis den offentlige statusside på { $path }
admin-public-areas-legend = Områder, der vises
admin-public-see-page = Se den offentlige side

## Outbox

admin-outbox-heading = Udbakke
admin-outbox-smtp = Mails sendes over SMTP; her ses de seneste.
admin-outbox-no-smtp = Der er ikke sat en mailserver op (RETNING_SMTP_URL), så mails bliver liggende her i stedet for at blive sendt.
admin-outbox-explainer = Retning sender besked, når en runde åbner, påmindelser 7 dage og 1 dag før fristen til dem, der ikke har indsendt, og en liste over manglende til sekretariatet efter fristen.
admin-outbox-empty = Ingen mails endnu.
admin-outbox-to = til { $to }

## Issue 11 (credentials): invitations and password links go by e-mail to the person, never onto these pages
admin-users-invitation-sent = { $name } ({ $email }) er inviteret som { $role }. Personen får en e-mail om invitationen og står som inviteret, indtil de har taget imod den.
admin-users-mail-by-smtp = Links til at vælge adgangskode sendes kun til personens egen e-mail og vises aldrig her.
admin-users-mail-waits-for-operator = Der er ikke sat en mailserver op, så e-mailen venter hos den driftsansvarlige for Retning, som sender den videre. Links til at vælge adgangskode vises aldrig her.
admin-users-state-withdrawn = Invitation trukket tilbage
admin-user-invitation-pending = inviteret, har ikke svaret endnu
admin-user-invitation-withdrawn = invitationen er trukket tilbage
admin-user-send-invitation-again = Send invitationen igen
admin-user-withdraw-invitation = Træk invitationen tilbage
admin-user-link-mailed = En e-mail til { $email } er på vej.
admin-audit-invitation-resent = Invitationen til { $name } er sendt igen

# rounds (issue 13.2): the public page shows only an adopted strategy
admin-public-draft = Kommunens strategi er en kladde – den er ikke vedtaget. Den offentlige side viser kun en vedtaget strategi, så borgerne ser intet endnu. Når strategien er godkendt med „Godkend version“, kan du vælge områderne her.
admin-public-draft-link = Gå til versioner
## Session 6, helper "people" (issue 13, points 4 and 12): org units in the browser; deactivating asks first
admin-tab-org-units = Organisation
admin-org-page-title = Organisation – { $tenant }
admin-org-heading = Organisation
admin-org-intro = Kommunens enheder (forvaltninger, afdelinger, teams). Personer, delmål og initiativer placeres i dem, og statussiderne viser fremdriften pr. enhed.
admin-org-new-heading = Opret en enhed
admin-org-new-failed = Enheden blev ikke oprettet.
admin-org-name = Navn
admin-org-parent = Ligger under
admin-org-parent-hint = Vælg den enhed, den hører under, eller øverste niveau.
admin-org-top-level = Øverste niveau (ingen overordnet enhed)
admin-org-create = Opret enhed
admin-org-all = { $count ->
    [one] Én enhed
   *[other] { $count } enheder
}
admin-org-none = Der er ingen enheder endnu. Opret den første ovenfor, fx en forvaltning.
admin-org-edit = Redigér
admin-org-edit-named = Redigér { $name }
admin-org-archive = Arkivér
admin-org-archive-named = Arkivér { $name }
admin-org-archived-heading = Arkiverede enheder
admin-org-archived-intro = Arkiverede enheder kan ikke vælges i formularerne. Du kan gendanne dem.
admin-org-under = under { $parent }
admin-org-restore = Gendan
admin-org-restore-named = Gendan { $name }
admin-org-created = Enheden { $name } er oprettet.
admin-org-saved = Ændringerne af { $name } er gemt.
admin-org-archived = Enheden { $name } er arkiveret.
admin-org-restored = Enheden { $name } er gendannet.
admin-org-count-people = { $count ->
    [one] 1 person
   *[other] { $count } personer
}
admin-org-count-sub-goals = { $count } delmål
admin-org-count-initiatives = { $count ->
    [one] 1 initiativ
   *[other] { $count } initiativer
}
admin-org-count-nothing = Ingen personer, delmål eller initiativer
admin-org-list-and = { $first } og { $last }
admin-org-no-unit = ingen enhed
admin-org-edit-title = { $name } – organisation
admin-org-placed-here = Placeret her: { $what }
admin-org-edit-heading = Navn og placering
admin-org-edit-failed = Ændringerne blev ikke gemt.
admin-org-cancel = Annullér
admin-org-back = Tilbage
admin-org-archive-heading = Arkivér enheden
admin-org-archive-explainer = Når en enhed arkiveres, flyttes de personer, delmål og initiativer, der er placeret i den, til den overordnede enhed. Du bliver spurgt først.
admin-org-archive-this = Arkivér enheden …
admin-org-archive-title = Arkivér { $name }?
admin-org-archive-question = Arkivér { $name }?
admin-org-archive-empty = Der er ingen personer, delmål eller initiativer placeret i { $name }.
admin-org-archive-placed = I { $name } er der placeret { $what }.
admin-org-archive-move-to-parent = Når du arkiverer enheden, flyttes de til { $parent }.
admin-org-archive-move-out = Enheden ligger på øverste niveau, så når du arkiverer den, står de derefter uden enhed.
admin-org-archive-restore-later = Du kan gendanne enheden senere. Det, der er flyttet, bliver dog, hvor det er flyttet til.
admin-org-archive-confirm = Arkivér enheden
admin-org-archive-confirm-move = Arkivér og flyt til { $parent }
admin-org-archive-confirm-out = Arkivér, og lad dem stå uden enhed
admin-org-archive-has-children = { $name } kan ikke arkiveres, fordi der ligger andre enheder under den: { $children }. Flyt eller arkivér dem først.
admin-org-error-parent = Vælg en enhed fra listen.
admin-org-error-own-parent = En enhed kan ikke ligge under sig selv.
admin-org-error-cycle = { $name } kan ikke flyttes ind under { $parent }, fordi { $parent } selv ligger under { $name }. Vælg en enhed uden for { $name }.
admin-org-error-duplicate = Der findes allerede en enhed, der hedder { $name }, under { $parent }. Vælg et andet navn.
admin-org-error-duplicate-top = Der findes allerede en enhed, der hedder { $name }, på øverste niveau. Vælg et andet navn.
admin-org-error-restore-parent = { $name } kan ikke gendannes, fordi { $parent }, som den ligger under, er arkiveret. Gendan { $parent } først.
admin-org-error-restore-duplicate = { $name } kan ikke gendannes, fordi en anden enhed med samme navn nu ligger samme sted. Omdøb den først.
admin-org-audit-created = Enheden { $name } er oprettet
admin-org-audit-created-under = Enheden { $name } er oprettet under { $parent }
admin-org-audit-renamed = Enheden { $name } er omdøbt til { $to }
admin-org-audit-moved = Enheden { $name } er flyttet fra { $from } til { $to }
admin-org-audit-archived = Enheden { $name } er arkiveret
admin-org-audit-archived-moved = Enheden { $name } er arkiveret; { $what } er flyttet til { $to }
admin-org-audit-top-level = øverste niveau
admin-org-audit-restored = Enheden { $name } er gendannet
admin-user-deactivate-title = Deaktivér { $name }?
admin-user-deactivate-question = Deaktivér { $name }?
admin-user-deactivate-what-happens = Det sker, når du deaktiverer
admin-user-deactivate-access = { $name } mister straks adgangen til { $tenant } i Retning, også i en browser, hvor personen er logget ind lige nu, og kan ikke længere logge ind her.
admin-user-deactivate-owns = { $name } står stadig som ansvarlig for { $what }. Vælg en ny ansvarlig under Redigér strategi, hvis en anden skal følge op.
admin-user-deactivate-owns-nothing = { $name } er ikke ansvarlig for noget i strategien.
admin-user-deactivate-open-followups = { $count ->
    [one] { $name } har 1 opfølgning i den åbne runde, som ikke er indsendt. Sekretariatet kan udfylde den.
   *[other] { $name } har { $count } opfølgninger i den åbne runde, som ikke er indsendt. Sekretariatet kan udfylde dem.
}
admin-user-deactivate-account = Personens konto og adgang til andre kommuner berøres ikke. Du kan aktivere { $name } igen senere.
admin-user-deactivate-confirm = Deaktivér { $name }
admin-user-owns-focus-areas = { $count ->
    [one] 1 fokusområde
   *[other] { $count } fokusområder
}
admin-user-owns-goals = { $count } mål
admin-user-owns-sub-goals = { $count } delmål
admin-user-owns-initiatives = { $count ->
    [one] 1 initiativ
   *[other] { $count } initiativer
}

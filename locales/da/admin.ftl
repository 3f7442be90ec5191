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

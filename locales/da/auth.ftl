# Signing in and out, the account page, sessions and the one-time password links.

auth-breadcrumbs = Brødkrummer

## Sign-in
auth-login-title = Log ind
auth-login-heading = Log ind
auth-login-email = E-mail
auth-login-password = Adgangskode
auth-login-submit = Log ind
auth-login-notice-expired = Din session er udløbet. Log ind igen – det, du skrev, er gemt og sættes ind igen.
auth-login-notice-password-set = Din adgangskode er gemt. Log ind med den.
auth-login-notice-signed-out = Du er logget ud.
auth-login-error-wrong = E-mail eller adgangskode er forkert.
auth-login-error-missing = Skriv både e-mail og adgangskode.
auth-login-error-account-locked = Kontoen er midlertidigt låst efter for mange mislykkede forsøg. Prøv igen om { $wait }.
auth-login-error-ip-blocked = For mange mislykkede forsøg fra din netværksadresse. Prøv igen om { $wait }.
auth-minutes = { $count ->
    [one] { $count } minut
   *[other] { $count } minutter
}

## The account page
auth-account-title = Min konto
auth-account-signed-in-as = Du er logget ind som
auth-account-sessions-link = Mine sessioner
auth-account-notice-name = Dit navn er gemt.
auth-account-notice-password = Din adgangskode er skiftet. Dine andre sessioner er logget ud.
auth-account-name-heading = Navn
auth-account-name-label = Dit navn
auth-account-name-save = Gem navn
auth-account-password-heading = Skift adgangskode
auth-account-password-current = Nuværende adgangskode
auth-account-password-new = Ny adgangskode
auth-account-password-hint = Mindst 12 tegn. Brug gerne en sætning, der er let at huske og svær at gætte.
auth-account-password-repeat = Gentag ny adgangskode
auth-account-password-save = Skift adgangskode
auth-account-language-heading = Sprog
auth-account-language-legend = Sproget i Retning
auth-account-language-hint = Valget gemmes på din konto og følger dig, når du logger ind fra en anden browser.
auth-account-language-save = Gem sprog
auth-error-name-required = Skriv dit navn.
auth-error-name-too-long = Navnet må højst være 200 tegn.
auth-error-current-password-wrong = Den nuværende adgangskode er forkert.
auth-error-new-passwords-differ = De to nye adgangskoder er ikke ens.
auth-error-passwords-differ = De to adgangskoder er ikke ens.
auth-password-too-short = Adgangskoden skal være mindst { $min } tegn.
auth-password-too-long = Adgangskoden må højst være { $max } tegn.
auth-password-too-guessable = Adgangskoden er for let at gætte (den ligner en almindelig adgangskode). Vælg en længere eller mere usædvanlig.

## Sessions
auth-sessions-title = Mine sessioner
auth-sessions-heading = Mine sessioner
auth-sessions-ended = { $count } andre sessioner er logget ud.
auth-sessions-intro = Her er de steder, du er logget ind. Kender du ikke en af dem, så log dem ud og skift din adgangskode.
auth-sessions-caption = Aktive sessioner
auth-sessions-col-device = Enhed
auth-sessions-col-created = Logget ind
auth-sessions-col-last-seen = Senest aktiv
auth-sessions-col-ip = Netværksadresse
auth-sessions-this = denne session
auth-sessions-end-others = Log alle andre sessioner ud
auth-device = { $browser } på { $os }
auth-device-unknown-browser = Ukendt browser
auth-device-unknown-system = ukendt system
auth-ip-unknown = ukendt

## One-time links
auth-set-password-title = Vælg adgangskode
auth-set-password-welcome = Velkommen til Retning
auth-set-password-heading = Vælg en ny adgangskode
auth-set-password-for = Du vælger adgangskode til
auth-set-password-name = Dit navn
auth-set-password-password = Adgangskode
auth-set-password-repeat = Gentag adgangskode
auth-set-password-save = Gem adgangskode
auth-expired-title = Linket virker ikke
auth-expired-heading = Linket virker ikke længere
auth-expired-text = Linket er brugt, udløbet eller erstattet af et nyere. Bed kommunens administrator om et nyt.
auth-expired-to-login = Til login

## Audit summaries: the municipality's record, always written in Danish (see crate::audit::record_text)
auth-audit-sign-in = Logget ind
auth-audit-sign-in-failed = Mislykket login
auth-audit-sign-out = Logget ud
auth-audit-renamed = Navn ændret til { $name }
auth-audit-password-changed = Adgangskode skiftet
auth-audit-password-set-via-link = Adgangskode valgt via link
auth-audit-sessions-ended = { $count } andre sessioner afsluttet

## Issue 11: sign-in under load (signin)
auth-login-error-busy = Der er mange, der logger ind lige nu. Vent { $seconds } sekunder, og prøv igen.
## Issue 11 (credentials): "Glemt adgangskode?", invitations waiting for an answer, and the mails
## about a person's own account (written in the person's saved language)
auth-forgot-link = Glemt adgangskode?
auth-forgot-title = Glemt adgangskode
auth-forgot-heading = Glemt adgangskode
auth-forgot-intro = Skriv den e-mailadresse, du logger ind med. Har den en konto i Retning, sender vi et link, så du kan vælge en ny adgangskode.
auth-forgot-submit = Send link
auth-forgot-back = Tilbage til log ind
auth-forgot-sent = Hvis adressen har en konto i Retning, sender vi nu en e-mail til den med et link til at vælge en ny adgangskode. Linket kan kun bruges én gang. Din nuværende adgangskode virker, indtil du vælger en ny.
auth-forgot-error-email = Skriv en gyldig e-mailadresse, fx navn@kommune.dk.
auth-forgot-error-too-many = Der er bedt om for mange links på kort tid. Prøv igen om en time.
auth-expired-ask-again = Du kan også selv bede om et nyt link:
auth-set-password-joins = Når du har gemt adgangskoden, får du adgang til: { $tenants }.
auth-invitations-title = Invitationer
auth-invitations-heading = Invitationer
auth-invitations-intro = Du er inviteret til disse kommuner i Retning. Du bruger din egen konto og adgangskode; tak ja for at få adgang.
auth-invitations-none = Du har ingen invitationer, der venter på svar.
auth-invitations-to-front-page = Til forsiden
auth-invitations-as = Som { $role }, inviteret { $when }.
auth-invitations-accept = Tak ja
auth-invitations-decline = Afvis
auth-invitations-declined = Invitationen er afvist. Kommunen har ikke fået adgang til noget om dig.
auth-audit-invitation-accepted = Invitationen er taget imod
auth-audit-invitation-declined = Invitationen er afvist
auth-mail-greeting = Kære { $name },
auth-mail-sign-off = Venlig hilsen
    Retning
auth-mail-link-valid = Linket virker i { $hours } timer og kan kun bruges én gang:
auth-mail-invitation-subject = Du er inviteret til { $tenant } i Retning
auth-mail-invitation-text = { $by } har inviteret dig til { $tenant } i Retning som { $role }. Vælg din adgangskode her.
auth-mail-invitation-unexpected = Kender du ikke til invitationen, kan du se bort fra denne mail. Så sker der ikke mere.
auth-mail-added-subject = Du er inviteret til { $tenant } i Retning
auth-mail-added-text = { $by } har inviteret dig til { $tenant } i Retning som { $role }. Du bruger din eksisterende konto og adgangskode. Log ind og tak ja til invitationen her:
auth-mail-added-unexpected = Kender du ikke til invitationen, så afvis den på samme side eller se bort fra denne mail. Kommunen får ikke adgang til noget om dig, før du har taget imod den.
auth-mail-password-subject = Vælg en ny adgangskode til Retning
auth-mail-password-by-admin = { $by } fra { $tenant } har sendt dig et link, så du kan vælge en ny adgangskode til Retning.
auth-mail-password-by-request = Nogen har bedt om et link til at vælge en ny adgangskode til Retning for denne adresse.
auth-mail-password-unexpected = Har du ikke bedt om det, kan du se bort fra denne mail: din nuværende adgangskode virker, indtil du selv vælger en ny.

## Session 6, helper "people" (issue 13, point 12): signed in after choosing a password through a link
auth-audit-sign-in-via-link = Logget ind efter at have valgt adgangskode via et link

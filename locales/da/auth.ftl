# Signing in and out, the account page, sessions and the one-time password links.

auth-breadcrumbs = Brødkrummer

## Sign-in
auth-login-title = Log ind
auth-login-heading = Log ind
auth-login-email = E-mail
auth-login-password = Adgangskode
auth-login-submit = Log ind
auth-login-forgot = Har du glemt din adgangskode, så bed kommunens administrator om et nyt link.
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

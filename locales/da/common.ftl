# The layout of every page, the navigation, error pages and words used everywhere.

layout-skip-to-content = Spring til indhold
layout-sign-in = Log ind
layout-sign-out = Log ud
layout-demo-title = Demodata.
layout-demo-text = Strategiteksten er citeret fra kommunens dokument; ansvarlige, måltal og opfølgninger er opdigtede.
layout-footer-tagline = Retning – strategi og opfølgning for kommuner
layout-accessibility-statement = Tilgængelighedserklæring
layout-language = Sprog

nav-dashboard = Overblik
nav-status = Status
nav-initiatives = Initiativer
nav-meeting-pack = Mødepakke
nav-my-followups = Mine opfølgninger
nav-stories = Historier
nav-versions = Versioner
nav-people = Personer
nav-exports = Eksport
nav-rounds = Runder
nav-edit-strategy = Redigér strategi
nav-admin = Administration

error-code = Fejl { $status }
error-to-front-page = Til forsiden
error-bad-request-heading = Forkert forespørgsel
error-bad-request-message = Det, der blev sendt, kunne ikke forstås. Gå tilbage og prøv igen.
error-forbidden-heading = Ingen adgang
error-forbidden-message = Du har ikke adgang til at gøre dette.
error-not-found-heading = Siden findes ikke
error-not-found-message = Siden findes ikke, eller du har ikke adgang til den. Tjek adressen, eller gå til forsiden.
error-not-allowed-heading = Ikke tilladt
error-not-allowed-message = Denne handling er ikke tilladt her.
error-locked-heading = Kan ikke ændres
error-locked-message = Det, du prøvede at ændre, er låst – fx fordi opfølgningsrunden er lukket. Intet er ændret.
error-timeout-heading = Det tog for lang tid
error-timeout-message = Siden var for længe om at svare. Prøv igen om lidt.
error-too-large-heading = For meget data
error-too-large-message = Det, der blev sendt, var for stort.
error-unavailable-heading = Midlertidigt utilgængelig
error-unavailable-message = Retning er midlertidigt utilgængelig. Prøv igen om lidt.
error-internal-heading = Der skete en fejl
error-internal-message = Der skete en uventet fejl. Prøv igen om lidt. Fejlen er logget.

smart-check = SMART-tjek
smart-met = opfyldt
smart-missing = mangler

common-items = { $count ->
    [one] { $count } punkt
   *[other] { $count } punkter
}
status-missing = Ikke indberettet

# Issue 11 (followup-input): text that cannot be stored, and numbers that can be read two ways.
text-error-control = Teksten indeholder et tegn, der ikke kan gemmes (fx et usynligt kontroltegn fra en kopieret tekst). Fjern det, og prøv igen.
text-error-line-break = Skal stå på én linje – fjern linjeskiftet.
number-error-ambiguous = Tallet kan læses på to måder. Skriv det med punktum mellem tusinder og komma før decimaler, fx 1.234,5.
number-error-grouping = Punktummerne står forkert: der skal være tre cifre mellem hvert punktum, fx 1.234.567,5.
number-error-unit = Delmålets enhed er "{ $unit }", ikke procent. Skriv tallet i { $unit } uden %.

# workspace (issue 14.7): a page showing a form with errors says so first in its <title>.
layout-title-error-prefix = Fejl:
# followup (issue 14.5): the error summary says how many fields need fixing
forms-error-count = { $count ->
    [one] { $count } fejl skal rettes
   *[other] { $count } fejl skal rettes
}

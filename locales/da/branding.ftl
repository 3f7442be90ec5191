# The look of Retning: the header's navigation and the municipality's own colour.

branding-nav-strategy = Strategi
branding-nav-more = Mere
branding-nav-menu = Menu

branding-tab = Udseende
branding-title = Kommunens farve
branding-lead = Farven står bag kommunens navn i toppen af hver side og på de vigtigste knapper. Teksten ovenpå er hvid, så farven skal være mørk nok til, at alle kan læse den.
branding-current = Farven nu
branding-current-default = Retnings egen farve (ingen farve valgt).
branding-current-contrast = kontrast til hvid tekst { $ratio }
branding-ratio = { $ratio }:1
branding-field = Ny farve (hex-kode)
branding-field-hint = Fx #00587c. Kommunens designmanual oplyser den som HEX eller web-farve. Lad feltet stå tomt for at bruge Retnings egen farve.
branding-save = Gem farve
branding-saved = Farven er gemt. Toppen af siden viser den nu.
branding-not-saved = Intet er gemt.
branding-error-format = „{ $input }“ er ikke en farvekode. Skriv den som # og seks tegn fra 0–9 og a–f, fx #00587c.
branding-error-contrast = Hvid tekst på { $colour } har kun kontrasten { $ratio }; der skal mindst 4,5:1 til, for at alle kan læse den. Vælg en mørkere farve, fx { $suggestion }, som er den samme farve gjort mørk nok.
branding-audit-set = Kommunens farve er sat til { $colour }
branding-audit-reset = Kommunens farve er sat tilbage til Retnings egen

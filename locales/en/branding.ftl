# The look of Retning: the header's navigation and the municipality's own colour.

branding-nav-strategy = Strategy
branding-nav-more = More
branding-nav-menu = Menu

branding-tab = Appearance
branding-title = The municipality's colour
branding-lead = The colour sits behind the municipality's name at the top of every page and on the main buttons. The text on it is white, so the colour must be dark enough for everyone to read it.
branding-current = Current colour
branding-current-default = Retning's own colour (no colour chosen).
branding-current-contrast = contrast with white text { $ratio }
branding-ratio = { $ratio }:1
branding-field = New colour (hex code)
branding-field-hint = E.g. #00587c. The municipality's design manual gives it as HEX or web colour. Leave the field empty to use Retning's own colour.
branding-save = Save colour
branding-saved = The colour is saved. The top of the page shows it now.
branding-not-saved = Nothing has been saved.
branding-error-format = “{ $input }” is not a colour code. Write it as # followed by six characters from 0–9 and a–f, e.g. #00587c.
branding-error-contrast = White text on { $colour } has a contrast of only { $ratio }; at least 4.5:1 is needed for everyone to read it. Choose a darker colour, e.g. { $suggestion }, which is the same colour made dark enough.
branding-audit-set = The municipality's colour is set to { $colour }
branding-audit-reset = The municipality's colour is set back to Retning's own

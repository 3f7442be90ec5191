# The accessibility statement (tilgængelighedserklæring) required by the web accessibility act.

accessibility-title = Accessibility statement
accessibility-eyebrow = Web accessibility
accessibility-heading = Accessibility statement for Retning
accessibility-lead = Retning should be usable by everyone – including people who use a screen reader, magnification, speech recognition or only the keyboard. The site is covered by the Danish Act on the accessibility of public sector bodies' websites and mobile applications (webtilgængelighedsloven), and the aim is to meet WCAG 2.1 level AA.

accessibility-status-heading = Compliance status
accessibility-status-before = Retning is
accessibility-status-strong = partially compliant
accessibility-status-after = with WCAG 2.1 level AA. This is because of the points listed under “Content that is not accessible”.

accessibility-testing-heading = How we test
accessibility-testing-no-script = Every page works without JavaScript. Forms have visible labels, and an error is shown at the field it concerns and in a summary at the top of the page.
accessibility-testing-colour = Status is never shown by colour alone: there is always a symbol and a text, and screen readers read the text, not the symbol. Charts have a visible title and a description, and are followed by a table of the same figures.
accessibility-testing-axe = The project's automated tests run axe-core against the most important pages in a real browser on every change to the code. They also check that the pages can be read without scrolling sideways at a width of 320 CSS pixels (the same as 400 % zoom), and that tables keep their column headings on a narrow screen.

accessibility-gaps-heading = Content that is not accessible
accessibility-gaps-pdf-label = The meeting pack as a PDF
accessibility-gaps-pdf = is not tagged for screen readers. The same meeting pack is available as an HTML page, which can be read with a screen reader and printed.
accessibility-gaps-language-label = Language:
accessibility-gaps-language = the interface is available in Danish and English. The municipality's own texts – the strategy, the follow-ups and the stories – are shown in the language they were written in.
accessibility-gaps-manual-label = Manual review:
accessibility-gaps-manual = Retning has not yet had a full manual review by an independent expert, and use with the keyboard alone, magnification and screen readers has not been fully tested on every page. The automated tests do not find every error.

accessibility-feedback-heading = Feedback and contact
accessibility-feedback = The municipality that uses Retning answers to you for its accessibility. If you have problems, contact the municipality's strategy secretariat or the person who gave you access to Retning. Please describe the page, what you were trying to do and which assistive technology you use, so that the problem can be fixed.

accessibility-enforcement-heading = Enforcement
accessibility-enforcement = If you do not receive a satisfactory answer, you can complain to the Danish Agency for Digital Government (Digitaliseringsstyrelsen), which supervises the web accessibility act (digst.dk).

accessibility-about-heading = About this statement
accessibility-about = The statement is based on a self-assessment and automated tests. It is updated when Retning changes.

# layout (session 6, issue 14.9): the statement's date and contact, the known limits of narrow
# screens, and each municipality's own statement address (Administration → Appearance).
accessibility-reviewed = The statement was last reviewed on { $date }.
accessibility-contact-own = The municipality's own accessibility statement, made in the Danish Agency for Digital Government's WAS-Tool, has the municipality's contact details. It is linked at the bottom of the municipality's pages in Retning and on its public status page.
accessibility-gaps-narrow-label = Narrow screens and high zoom:
accessibility-gaps-narrow = tables with many figures (status by area, progress in a round, the meeting pack's summary) and the charts scroll sideways in their own box on a narrow screen. The page itself does not scroll sideways. The figures of each chart are also in the table below it.
accessibility-setting-heading = The municipality's accessibility statement
accessibility-setting-lead = Under the web accessibility act the municipality must have its own accessibility statement, made in the Danish Agency for Digital Government's WAS-Tool. Enter its address here, so that the link at the bottom of the municipality's pages and on the public status page goes there. If the field is empty, the link goes to Retning's own statement.
accessibility-setting-field = Address of the municipality's accessibility statement
accessibility-setting-hint = The full address, starting with https://, e.g. https://www.was.digst.dk/sonderborg-dk
accessibility-setting-save = Save the address
accessibility-setting-saved = The address is saved. The link at the bottom of the municipality's pages now goes there.
accessibility-setting-not-saved = The address was not saved:
accessibility-url-error-format = “{ $input }” is not a full web address. Copy the address from the browser's address bar, e.g. https://www.was.digst.dk/sonderborg-dk.
accessibility-url-error-https = “{ $input }” does not start with https://. The statement must have a secure address; WAS-Tool gives one that starts with https://.
accessibility-audit-set = The address of the municipality's accessibility statement is set to { $url }
accessibility-audit-reset = The municipality's pages link to Retning's own accessibility statement again

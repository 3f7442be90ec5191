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
accessibility-testing-no-script = Every page works without JavaScript. Forms have visible labels; errors are shown at the field and gathered at the top with links to the fields.
accessibility-testing-colour = Status is never shown by colour alone: there is always a symbol and a text. Charts are drawn as SVG with a title and a description, and come with a table of the same figures.
accessibility-testing-axe = The project's automated tests run axe-core against the most important pages in a real browser on every change to the code.

accessibility-gaps-heading = Content that is not accessible
accessibility-gaps-pdf-label = The meeting pack as a PDF
accessibility-gaps-pdf = is not tagged for screen readers. The same meeting pack is available as an HTML page, which can be read with a screen reader and printed.
accessibility-gaps-language-label = Language:
accessibility-gaps-language = the interface is available in Danish and English. The municipality's own texts – the strategy, the follow-ups and the stories – are shown in the language they were written in.
accessibility-gaps-manual-label = Manual review:
accessibility-gaps-manual = Retning has not yet had a full manual review by an independent expert, and use with the keyboard alone, magnification and screen readers has not been fully tested on every page. The automated tests do not find every error.

accessibility-feedback-heading = Feedback and contact
accessibility-feedback = If you have problems with accessibility, contact your municipality's secretariat or the person who gave you access to Retning. Please describe the page, what you were trying to do and which assistive technology you use, so that we can fix the problem.

accessibility-enforcement-heading = Enforcement
accessibility-enforcement = If you do not receive a satisfactory answer, you can complain to the Danish Agency for Digital Government (Digitaliseringsstyrelsen), which supervises the web accessibility act (digst.dk).

accessibility-about-heading = About this statement
accessibility-about = The statement is based on a self-assessment and automated tests. It is updated when Retning changes.

# The layout of every page, the navigation, error pages and words used everywhere.

layout-skip-to-content = Skip to content
layout-sign-in = Sign in
layout-sign-out = Sign out
layout-demo-title = Demo data.
layout-demo-text = The strategy text is quoted from the municipality's document; owners, targets and follow-ups are invented.
layout-footer-tagline = Retning – strategy and follow-up for municipalities
layout-accessibility-statement = Accessibility statement
layout-language = Language

nav-dashboard = Dashboard
nav-status = Status
nav-initiatives = Initiatives
nav-meeting-pack = Meeting pack
nav-my-followups = My follow-ups
nav-stories = Stories
nav-versions = Versions
nav-people = People
nav-exports = Export
nav-rounds = Rounds
nav-edit-strategy = Edit strategy
nav-admin = Administration

error-code = Error { $status }
error-to-front-page = To the front page
error-bad-request-heading = Bad request
error-bad-request-message = What was sent could not be understood. Go back and try again.
error-forbidden-heading = No access
error-forbidden-message = You do not have access to do this.
error-not-found-heading = Page not found
error-not-found-message = The page does not exist, or you do not have access to it. Check the address, or go to the front page.
error-not-allowed-heading = Not allowed
error-not-allowed-message = This action is not allowed here.
error-locked-heading = Cannot be changed
error-locked-message = What you tried to change is locked – for example because the follow-up round is closed. Nothing was changed.
error-timeout-heading = It took too long
error-timeout-message = The page took too long to answer. Try again in a moment.
error-too-large-heading = Too much data
error-too-large-message = What was sent was too large.
error-unavailable-heading = Temporarily unavailable
error-unavailable-message = Retning is temporarily unavailable. Try again in a moment.
error-internal-heading = Something went wrong
error-internal-message = An unexpected error occurred. Try again in a moment. The error has been logged.

smart-check = SMART check
smart-met = met
smart-missing = missing

common-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
status-missing = Not reported

# Issue 11 (followup-input): text that cannot be stored, and numbers that can be read two ways.
text-error-control = The text contains a character that cannot be saved (for example an invisible control character from copied text). Remove it and try again.
text-error-line-break = Must be on one line – remove the line break.
number-error-ambiguous = The number can be read two ways. Write it with commas between thousands and a point before decimals, e.g. 1,234.5.
number-error-grouping = The commas are misplaced: there must be three digits between commas, e.g. 1,234,567.5.
number-error-unit = The sub-goal's unit is "{ $unit }", not per cent. Enter the number in { $unit } without %.

# workspace (issue 14.7): a page showing a form with errors says so first in its <title>.
layout-title-error-prefix = Error:
# followup (issue 14.5): the error summary says how many fields need fixing
forms-error-count = { $count ->
    [one] { $count } problem to fix
   *[other] { $count } problems to fix
}

# The status pages: the overview per focus area and unit, and the sub-goals of one of them.

status-page-title = Status – { $tenant }
status-page-title-of = Status: { $heading } – { $tenant }
status-breadcrumbs = Breadcrumbs
status-dashboard = Dashboard
status-pages = Status pages
status-eyebrow = Status
status-eyebrow-round = Status · round { $round }
status-no-strategy = The municipality has no active strategy yet.
status-choose-view = Choose what to show
status-all = All
status-org-unit = Unit
status-round = Round
status-only-changed = Only changed since the last round
status-show = Show
status-no-round = No follow-up round has been opened yet.
status-changed-flag = Changed since the last round
status-changed-summary = { $count ->
    [one] { $count } sub-goal has changed status, measured value or text.
   *[other] { $count } sub-goals have changed status, measured value or text.
}
status-changed-summary-total = { $count ->
    [one] In total, { $count } sub-goal has changed status, measured value or text.
   *[other] In total, { $count } sub-goals have changed status, measured value or text.
}
status-by-focus-area = By { $term }
status-by-org-unit = By unit
status-no-units = No sub-goals are linked to a unit.
status-nothing-changed = Nothing has changed here since the last round.
status-no-sub-goals = There are no sub-goals here.
status-director = Responsible director: { $name }
status-measured = Measured
status-target = Target
status-by-deadline = by { $date }
status-baseline = Baseline
status-owner = Owner
status-owner-missing = missing
status-first-report = First follow-up on the sub-goal.
status-change-status = Status:
status-change-value = Measured value:
status-change-none = none
status-change-text = New text.
status-next-steps = Next steps:
status-written-by = Written by { $name }
status-name = Name
status-changed = Changed

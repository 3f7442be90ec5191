# The portfolio of initiatives.

initiatives-page-title = Initiatives – { $tenant }
initiatives-eyebrow = Portfolio
initiatives-heading = Initiatives and trials
initiatives-intro = All initiatives in the active strategy with their life cycle and the steering group's decisions ({ $count } in total).
initiatives-no-strategy = The municipality has no active strategy yet.
initiatives-views = Show the portfolio
initiatives-by-lifecycle = By life cycle
initiatives-by-cluster = By mission cluster
initiatives-by-challenge = By shared hard problem
initiatives-none-yet = The strategy has no initiatives yet.
initiatives-without-cluster = Without a mission cluster
initiatives-without-challenge = Without a shared hard problem
initiatives-column-empty = None.
initiatives-cluster = Cluster: { $name }
initiatives-challenges = Shared hard problems: { $names }
initiatives-details = Details
initiatives-details-decisions = { $count ->
    [one] Details and { $count } decision
   *[other] Details and { $count } decisions
}
initiatives-hypothesis = Hypothesis:
initiatives-success-criterion = Success criterion:
initiatives-evaluation = Evaluation:
initiatives-latest-followup = Latest follow-up: { $round }
initiatives-no-decisions = No decisions yet.
initiatives-decisions = Decisions

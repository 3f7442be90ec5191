# The steering group's dashboard, its round picker and the note on what is counted.

dashboard-page-title = Dashboard – { $tenant }
dashboard-eyebrow = Steering group dashboard
dashboard-heading = Dashboard
dashboard-round-meta-open = Round { $round } (open) · period ending { $period } · follow-up deadline { $deadline }
dashboard-round-meta-closed = Round { $round } (closed) · period ending { $period } · follow-up deadline { $deadline }
dashboard-no-strategy = The municipality has no active strategy yet, so there is no dashboard to show.
dashboard-status-pages = Status pages
dashboard-meeting-pack = Meeting pack
dashboard-no-round = No follow-up round has been opened yet.

dashboard-progress = Progress of the round
dashboard-completion-submitted = { $in ->
    [one] { $in } of { $total } follow-ups has been submitted
   *[other] { $in } of { $total } follow-ups have been submitted
}
dashboard-completion-approved = { $count } approved
dashboard-completion-waiting = { $count } awaiting review
dashboard-completion-returned = { $count } returned
dashboard-completion-draft = { $count ->
    [one] { $count } draft
   *[other] { $count } drafts
}
dashboard-percent-submitted = { $percent }% submitted
dashboard-red-heading = Off-track sub-goals
dashboard-red-text = { $turned ->
    [one] of { $total } sub-goals have the status ‘Off track’; { $turned } has gone off track since the last round.
   *[other] of { $total } sub-goals have the status ‘Off track’; { $turned } have gone off track since the last round.
}
dashboard-overdue-heading = Past the deadline
dashboard-overdue-text = sub-goals have passed their deadline without being reported ‘Done’.
dashboard-waiting-heading = Decisions waiting
dashboard-waiting-text = proposals from the owners are waiting for the steering group.

dashboard-areas-heading = Status by { $term }
dashboard-trend-heading = Trend across rounds
dashboard-turned-red-heading = Gone off track since the last round
dashboard-turned-red-none = No sub-goals have gone off track since the last round.
dashboard-before = Before:
dashboard-before-missing = Before: not reported
dashboard-more = … and { $count } more on the status pages
dashboard-overdue-none = No sub-goals have passed their deadline without being done.
dashboard-deadline = Deadline
dashboard-waiting-none = No proposals are waiting for a decision in this round.
dashboard-proposal = Proposal
dashboard-concerns = Concerns
dashboard-status = Status
dashboard-owner = Owner
dashboard-initiative = Initiative
dashboard-sub-goal = Sub-goal
dashboard-stories-heading = Latest good stories
dashboard-stories-none = There are no approved stories to share yet.
dashboard-all-stories = All stories

dashboard-counting-open = Round { $round } is open: only submitted and approved follow-ups are counted; drafts and follow-ups that have been returned are shown as ‘Not reported’.
dashboard-counting-closed = Round { $round } is closed: every follow-up someone wrote in is counted as it stood when the round was closed; the rest are shown as ‘Not reported’.
dashboard-counting-compared = Changes are compared with round { $round }.

dashboard-choose-round = Choose round
dashboard-round = Round
dashboard-show = Show

dashboard-whole-strategy = The whole strategy
dashboard-chart-areas-title = Status by { $term }, { $round }
dashboard-chart-trend-title = Status trend across rounds (share of reported sub-goals)

# rounds (issue 13.7): the one name for a follow-up nobody wrote in
dashboard-completion-not-reported = { $count } not reported

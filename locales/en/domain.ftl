# Words of the domain: one per value of each PostgreSQL enum (src/domain.rs).

leadership_level-direktion = Executive board
leadership_level-chef = Head of department
leadership_level-leder_af_ledere = Leader of leaders
leadership_level-leder_af_medarbejdere = Leader of employees

member_role-admin = Administrator
member_role-secretariat = Secretariat
member_role-steering = Steering group
member_role-contributor = Contributor
member_role-viewer = Reader

strategy_status-draft = Draft
strategy_status-active = Active
strategy_status-archived = Archived

coordination_mode-central = Central coordination
coordination_mode-decentral = Decentral coordination

goal_direction-increase = Increase
goal_direction-decrease = Decrease

initiative_lifecycle-idea = Idea
initiative_lifecycle-active = Active
initiative_lifecycle-adjusted = Adjusted
initiative_lifecycle-stopped = Stopped
initiative_lifecycle-completed = Completed
initiative_lifecycle-scaled = Scaled

round_state-planned = Planned
round_state-open = Open
round_state-closed = Closed

followup_status-on_track = On track
followup_status-at_risk = At risk
followup_status-off_track = Off track
followup_status-done = Done
followup_status-not_started = Not started

review_state-draft = Draft
review_state-submitted = Submitted
review_state-returned = Returned
review_state-approved = Approved

decision_kind-continue = Continue
decision_kind-adjust = Adjust
decision_kind-stop = Stop
decision_kind-scale = Scale
decision_kind-note = Note

# forms (issue 12): what a comment in a follow-up's conversation records (CommentKind)
followup_comment_kind-submitted = Submitted
followup_comment_kind-returned = Returned
followup_comment_kind-approved = Approved
followup_comment_kind-comment = Comment

# rounds (issue 13.7): how far a follow-up has come, the one name on every page, export and the API
report_state-not_reported = Not reported
report_state-draft = Draft
report_state-submitted = Submitted
report_state-returned = Returned
report_state-approved = Approved

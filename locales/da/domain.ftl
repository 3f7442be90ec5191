# Words of the domain: one per value of each PostgreSQL enum (src/domain.rs).

leadership_level-direktion = Direktionen
leadership_level-chef = Chef
leadership_level-leder_af_ledere = Leder af ledere
leadership_level-leder_af_medarbejdere = Leder af medarbejdere

member_role-admin = Administrator
member_role-secretariat = Sekretariat
member_role-steering = Styregruppe
member_role-contributor = Bidragyder
member_role-viewer = Læser

strategy_status-draft = Kladde
strategy_status-active = Aktiv
strategy_status-archived = Arkiveret

coordination_mode-central = Central koordinering
coordination_mode-decentral = Decentral koordinering

goal_direction-increase = Stige
goal_direction-decrease = Falde

initiative_lifecycle-idea = Idé
initiative_lifecycle-active = Aktiv
initiative_lifecycle-adjusted = Justeret
initiative_lifecycle-stopped = Stoppet
initiative_lifecycle-completed = Gennemført
initiative_lifecycle-scaled = Skaleret

round_state-planned = Planlagt
round_state-open = Åben
round_state-closed = Lukket

followup_status-on_track = På sporet
followup_status-at_risk = Udfordret
followup_status-off_track = Kritisk
followup_status-done = Gennemført
followup_status-not_started = Ikke startet

review_state-draft = Kladde
review_state-submitted = Indsendt
review_state-returned = Sendt retur
review_state-approved = Godkendt

decision_kind-continue = Fortsæt
decision_kind-adjust = Justér
decision_kind-stop = Stop
decision_kind-scale = Skalér
decision_kind-note = Notat

# forms (issue 12): what a comment in a follow-up's conversation records (CommentKind)
followup_comment_kind-submitted = Indsendt
followup_comment_kind-returned = Sendt retur
followup_comment_kind-approved = Godkendt
followup_comment_kind-comment = Kommentar

# rounds (issue 13.7): how far a follow-up has come, the one name on every page, export and the API
report_state-not_reported = Ikke indberettet
report_state-draft = Kladde
report_state-submitted = Indsendt
report_state-returned = Sendt retur
report_state-approved = Godkendt

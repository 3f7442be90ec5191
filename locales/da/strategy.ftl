# Reading the strategy: the tree, the focus-area page, the sub-goal page and the SMART check.

strategy-breadcrumbs = Brødkrummer
strategy-eyebrow = Strategi { $period } · { $status }
strategy-approved = Godkendt { $date }
strategy-approved-by = Godkendt { $date } af { $by }
# The level under the strategy, when the strategy does not name it itself.
strategy-focus-area = Indsatsområde
strategy-focus-areas = Indsatsområder
strategy-about = Om strategien
strategy-shared-challenges = Fælles svære problemer
strategy-clusters-and-initiatives = Missionsklynger og initiativer
strategy-initiatives = Initiativer
strategy-responsible = Ansvarlig: { $name }
strategy-director = Ansvarlig direktør: { $name }
strategy-area-smart-count = { $smart } af { $total } delmål er SMARTe
strategy-no-goals = Ingen mål endnu.
strategy-sub-goal = Delmål
strategy-sub-goals = Delmål
strategy-indicator = Indikator
strategy-unit = Enhed
strategy-baseline = Udgangspunkt
strategy-baseline-measured-on = måles pr. { $date }
strategy-target = Mål
strategy-deadline = Frist
strategy-owner = Ansvarlig
strategy-org-unit = Enhed i organisationen
strategy-missing = mangler
strategy-no-followup-yet = Ingen opfølgning endnu
strategy-evaluated-on = evalueres { $date }
strategy-how-we-follow-up = Sådan følger vi op
strategy-none-heading = Ingen strategi endnu
strategy-none-text = Der er endnu ikke lagt en strategi ind for denne kommune.

strategy-latest-status = Seneste status
strategy-no-approved-followups = Ingen godkendte opfølgninger endnu.
strategy-no-followup = Ingen opfølgning
strategy-smart-sub-goals = SMARTe delmål
strategy-smart-share = { $smart } af { $total } delmål er specifikke, målbare, har en ansvarlig, en realistisk retning og en frist i strategiperioden.
strategy-challenges = Udfordringer
strategy-ambition = Det vil vi opnå
strategy-goals-and-sub-goals = Mål og delmål
strategy-sub-goals-of-goal = Delmål under målet
strategy-target-and-deadline = Mål og frist
strategy-status = Status
strategy-status-none = Ingen

strategy-sub-goal-page-title = Delmål: { $title }
strategy-under-goal = Under målet: { $goal }
strategy-no-approved-followup = Ingen godkendt opfølgning endnu
strategy-the-sub-goal = Delmålet
strategy-smart-all-met = Delmålet er specifikt, målbart, har en ansvarlig, en realistisk retning og en frist i strategiperioden.
strategy-progress = Fra udgangspunkt til mål
strategy-followups = Opfølgninger
strategy-history-empty = Der er ingen godkendte opfølgninger endnu.
strategy-open-round = åben runde
strategy-measured = Målt:
strategy-period-to = Periode til { $date }
strategy-next-steps = Næste skridt
strategy-good-story = Den gode historie
strategy-decisions = Styregruppens beslutninger

strategy-smart-gap-specific = Specifikt: beskriv delmålet konkret
strategy-smart-gap-measurable = Målbart: angiv indikator, enhed, udgangspunkt og målværdi
strategy-smart-gap-accountable = Ansvar: vælg en ansvarlig
strategy-smart-gap-realistic-direction = Realistisk: målværdien skal ligge i den angivne retning fra udgangspunktet
strategy-smart-gap-realistic-no-direction = Realistisk: angiv om værdien skal stige eller falde mod målet
strategy-smart-gap-realistic-no-values = Realistisk: udgangspunkt og mål mangler, så retningen kan ikke vurderes
strategy-smart-gap-time-bound = Tidsbestemt: angiv en frist
strategy-smart-gap-outside-period = Tidsbestemt: fristen ligger uden for strategiperioden

# strategy (issue 12): the current strategy is a draft
strategy-draft-notice = Kladde – ikke vedtaget

# workspace (issue 14.3): the goal is the municipality's text, marked with its language apart from the lead.
strategy-under-goal-lead = Under målet:

# perf (issue 17.4): a large strategy shows one focus area's sub-goals at a time
strategy-folded-notice = Strategien har { $count } delmål. Her vises delmålene for ét { $label } ad gangen; de andre viser deres mål. Vælg et { $label } for at se dets delmål.
strategy-goal-sub-goal-count = { $count ->
    [one] 1 delmål
   *[other] { $count } delmål
}
strategy-show-area-sub-goals = Vis de { $count } delmål under { $area }

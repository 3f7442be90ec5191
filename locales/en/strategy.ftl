# Reading the strategy: the tree, the focus-area page, the sub-goal page and the SMART check.

strategy-breadcrumbs = Breadcrumbs
strategy-eyebrow = Strategy { $period } · { $status }
strategy-approved = Approved { $date }
strategy-approved-by = Approved { $date } by { $by }
# The level under the strategy, when the strategy does not name it itself.
strategy-focus-area = Focus area
strategy-focus-areas = Focus areas
strategy-about = About the strategy
strategy-shared-challenges = Shared hard problems
strategy-clusters-and-initiatives = Mission clusters and initiatives
strategy-initiatives = Initiatives
strategy-responsible = Responsible: { $name }
strategy-director = Responsible director: { $name }
strategy-area-smart-count = { $smart } of { $total } sub-goals are SMART
strategy-no-goals = No goals yet.
strategy-sub-goal = Sub-goal
strategy-sub-goals = Sub-goals
strategy-indicator = Indicator
strategy-unit = Unit
strategy-baseline = Baseline
strategy-baseline-measured-on = to be measured as of { $date }
strategy-target = Target
strategy-deadline = Deadline
strategy-owner = Owner
strategy-org-unit = Organisational unit
strategy-missing = missing
strategy-no-followup-yet = No follow-up yet
strategy-evaluated-on = evaluation { $date }
strategy-how-we-follow-up = How we follow up
strategy-none-heading = No strategy yet
strategy-none-text = No strategy has been entered for this municipality yet.

strategy-latest-status = Latest status
strategy-no-approved-followups = No approved follow-ups yet.
strategy-no-followup = No follow-up
strategy-smart-sub-goals = SMART sub-goals
strategy-smart-share = { $smart } of { $total } sub-goals are specific and measurable, have an owner, a realistic direction and a deadline within the strategy period.
strategy-challenges = Challenges
strategy-ambition = What we want to achieve
strategy-goals-and-sub-goals = Goals and sub-goals
strategy-sub-goals-of-goal = Sub-goals under the goal
strategy-target-and-deadline = Target and deadline
strategy-status = Status
strategy-status-none = None

strategy-sub-goal-page-title = Sub-goal: { $title }
strategy-under-goal = Under the goal: { $goal }
strategy-no-approved-followup = No approved follow-up yet
strategy-the-sub-goal = The sub-goal
strategy-smart-all-met = The sub-goal is specific and measurable, has an owner, a realistic direction and a deadline within the strategy period.
strategy-progress = From baseline to target
strategy-followups = Follow-ups
strategy-history-empty = There are no approved follow-ups yet.
strategy-open-round = open round
strategy-measured = Measured:
strategy-period-to = Period ending { $date }
strategy-next-steps = Next steps
strategy-good-story = The good story
strategy-decisions = Steering group decisions

strategy-smart-gap-specific = Specific: describe the sub-goal in concrete terms
strategy-smart-gap-measurable = Measurable: give an indicator, a unit, a baseline and a target value
strategy-smart-gap-accountable = Accountable: choose an owner
strategy-smart-gap-realistic-direction = Realistic: the target value must lie in the stated direction from the baseline
strategy-smart-gap-realistic-no-direction = Realistic: state whether the value should rise or fall towards the target
strategy-smart-gap-realistic-no-values = Realistic: the baseline and target are missing, so the direction cannot be assessed
strategy-smart-gap-time-bound = Time-bound: set a deadline
strategy-smart-gap-outside-period = Time-bound: the deadline lies outside the strategy period

# strategy (issue 12): the current strategy is a draft
strategy-draft-notice = Draft – not adopted

# workspace (issue 14.3): the goal is the municipality's text, marked with its language apart from the lead.
strategy-under-goal-lead = Under the goal:

# perf (issue 17.4): a large strategy shows one focus area's sub-goals at a time
strategy-folded-notice = The strategy has { $count } sub-goals. The sub-goals of one { $label } are shown at a time; the others show their goals. Choose a { $label } to see its sub-goals.
strategy-goal-sub-goal-count = { $count ->
    [one] 1 sub-goal
   *[other] { $count } sub-goals
}
strategy-show-area-sub-goals = Show the { $count } sub-goals of { $area }

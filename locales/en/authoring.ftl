# Editing the strategy: the outline, the forms, the conflict page, deleting and archiving.

authoring-breadcrumbs = Breadcrumbs
authoring-edit = Edit
authoring-delete = Delete
authoring-edit-named = Edit { $name }
authoring-edit-strategy = Edit the strategy
authoring-view-strategy = View the strategy
authoring-save-changes = Save changes
authoring-cancel = Cancel
authoring-none-chosen = None chosen
authoring-none = None
authoring-owner-named = Owner: { $name }
authoring-director-named = Responsible director: { $name }

authoring-form-not-saved = Not saved.
authoring-form-fix-fields = Please correct the marked fields – everything you wrote has been kept.
authoring-form-nothing-to-choose = Nothing to choose from yet.

authoring-error-required = This field is required.
authoring-error-too-long = Must be at most { $max } characters (it is { $length }).
authoring-error-number-too-large = The number is too large.
authoring-error-number = Enter a number, for example 12 or 12.5.
authoring-error-date-range = The date must be between { $first } and { $last }.
authoring-error-date = Enter a date as dd-mm-yyyy.
authoring-error-choose = Choose one of the options.
authoring-error-choose-listed = Choose one of the options in the list.
authoring-error-choose-among = Choose from the options in the list.
authoring-error-end-before-start = The end date is before the start date.
authoring-error-unit-needed = Enter a unit (for example %, number, DKK) when there is a baseline or a target.
authoring-error-deadline-before-baseline = The deadline is before the baseline date.

authoring-field-title = Title
authoring-field-subtitle = Subtitle
authoring-field-introduction = Introduction
authoring-field-period-start = Period from
authoring-field-period-end = Period to
authoring-field-focus-area-label = Name for focus areas
authoring-field-followup-text = About the follow-up
authoring-field-challenges-text = Challenges
authoring-field-ambition = What we want to achieve
authoring-field-coordination = Coordination
authoring-field-director = Responsible director
authoring-field-focus-area = Focus area
authoring-field-focus-areas = Focus areas
authoring-field-goal-text = Goal
authoring-field-goal = Goal
authoring-field-under-goal = Under the goal
authoring-field-owner = Owner
authoring-field-sub-goal-text = Sub-goal
authoring-field-measurement = Measurement
authoring-field-indicator = Indicator
authoring-field-unit = Unit
authoring-field-baseline = Baseline
authoring-field-baseline-date = Measured on
authoring-field-baseline-date-long = Baseline date
authoring-field-target = Target value
authoring-field-deadline = Deadline
authoring-field-direction = Direction
authoring-field-direction-legend = Direction: the value should …
authoring-field-direction-unset = Not specified
authoring-field-org-unit = Organisational unit
authoring-field-problem = Problem
authoring-field-description = Description
authoring-field-name = Name
authoring-field-mission = Mission
authoring-field-challenges = Shared problems
authoring-field-belongs-to-areas = Belongs to the focus areas
authoring-field-works-on-challenges = Works on the shared problems
authoring-field-hypothesis = Hypothesis
authoring-field-success-criterion = Success criterion
authoring-field-evaluation-date = Evaluate by
authoring-field-evaluation = Evaluation
authoring-field-status = Status
authoring-field-cluster = Mission cluster

authoring-kind-focus-area = Focus area
authoring-kind-goal = Goal
authoring-kind-sub-goal = Sub-goal
authoring-kind-challenge = Shared problem
authoring-kind-cluster = Mission cluster
authoring-kind-initiative = Initiative

authoring-what-strategy = The strategy
authoring-what-focus-area = The focus area
authoring-what-goal = The goal
authoring-what-sub-goal = The sub-goal
authoring-what-challenge = The shared problem
authoring-what-cluster = The mission cluster
authoring-what-initiative = The initiative

authoring-the-focus-area = the focus area
authoring-the-goal = the goal
authoring-the-sub-goal = the sub-goal
authoring-the-challenge = the shared problem
authoring-the-cluster = the mission cluster
authoring-the-initiative = the initiative

authoring-strategy-new = New strategy
authoring-strategy-basics = Basic details
authoring-strategy-basics-title = The strategy's basic details
authoring-strategy-create = Create strategy
authoring-strategy-title-hint = For example “Sønderborg 2030”.
authoring-strategy-label-hint = For example “Fokusområde”, “Spor” or “Indsatsområde” – the word your strategy uses.
authoring-strategy-followup-hint = How and when the strategy is followed up.

authoring-focus-area-new = New focus area
authoring-focus-area-edit = Edit focus area
authoring-focus-area-create = Create focus area
authoring-focus-area-challenges-hint = Why does the area matter? One paragraph per line; lines beginning with “- ” become a bulleted list.

authoring-goal-new = New goal
authoring-goal-edit = Edit goal
authoring-goal-create = Create goal
authoring-goal-choose-area = Choose a focus area
authoring-goal-move-hint = Choose another focus area to move the goal. Its sub-goals and follow-ups move with it.
authoring-goal-text-hint = What do you want to achieve? For example “More citizens are in work or education.”
authoring-goal-new-under = New goal under { $area }

authoring-sub-goal-new = New sub-goal
authoring-sub-goal-edit = Edit sub-goal
authoring-sub-goal-create = Create sub-goal
authoring-sub-goal-intro = A SMART sub-goal is specific, measurable (indicator, unit, baseline and target), has an owner, a realistic direction and a deadline within the strategy period ({ $period }).
authoring-sub-goal-is-smart = The sub-goal is SMART.
authoring-sub-goal-move-hint = Choose another goal to move the sub-goal. Its follow-ups move with it.
authoring-sub-goal-choose-goal = Choose a goal
authoring-sub-goal-text-hint = Concrete and measurable, for example “Sickness absence in elderly care falls to 6% by the end of 2027.”
authoring-sub-goal-indicator-hint = What is measured? For example “Sickness absence as a percentage”.
authoring-sub-goal-unit-hint = For example %, number, DKK or days.

authoring-challenge-new = New shared problem
authoring-challenge-edit = Edit shared problem
authoring-challenge-create = Create shared problem
authoring-challenge-intro = A shared hard problem cuts across focus areas and cannot be solved by one department alone.
authoring-challenge-title-hint = For example “More young people are struggling”.

authoring-cluster-new = New mission cluster
authoring-cluster-edit = Edit mission cluster
authoring-cluster-create = Create mission cluster
authoring-cluster-intro = A mission cluster pools efforts around a mission and works on one or more shared hard problems.

authoring-initiative-new = New initiative
authoring-initiative-edit = Edit initiative
authoring-initiative-create = Create initiative
authoring-initiative-intro = An initiative or trial action tests a hypothesis and is evaluated against a success criterion – and stopped if it does not work.
authoring-initiative-hypothesis-hint = If we do …, then …
authoring-initiative-success-hint = How will we know it works?

authoring-conflict-title = Changed by someone else
authoring-conflict-eyebrow = Not saved
authoring-conflict-heading = { $what } has been changed by someone else
authoring-conflict-intro-before = While you were editing
authoring-conflict-intro-after = , someone else saved a new version. Your version has not been saved, but you have it here. Fields that differ are marked.
authoring-conflict-caption = Your version and the saved version
authoring-conflict-field = Field
authoring-conflict-yours = Your version (not saved)
authoring-conflict-saved = The saved version
authoring-conflict-differs = differs
authoring-conflict-use-saved = Use the saved version
authoring-conflict-save-mine = Save my version anyway

authoring-delete-named = Delete { $the }
authoring-delete-question = Delete { $the }?
authoring-archive-named = Archive { $the }
authoring-delete-has-history = There is history:
authoring-delete-history = { $count ->
    [one] { $count } follow-up, decision or initiative depends on { $the }. That is why { $the } will be
   *[other] { $count } follow-ups, decisions or initiatives depend on { $the }. That is why { $the } will be
}
authoring-delete-archived-word = archived
authoring-delete-archive-rest = instead of deleted: it leaves the strategy, but its history can still be read, and it can be restored.
authoring-delete-no-history = There are no follow-ups or decisions on { $the }. It will be deleted together with everything it contains. Previously approved versions of the strategy are not changed.

authoring-workspace-versions = { $count ->
    [one] { $count } approved version.
   *[other] { $count } approved versions.
}
authoring-workspace-versions-latest = { $count ->
    [one] { $count } approved version, most recently on { $date }.
   *[other] { $count } approved versions, most recently on { $date }.
}
authoring-workspace-no-versions = No approved versions yet.
authoring-workspace-smart-count = { $total ->
    [one] { $smart } of { $total } sub-goal is SMART.
   *[other] { $smart } of { $total } sub-goals are SMART.
}
authoring-workspace-approve-version = Approve version
authoring-workspace-empty = The strategy has no focus areas yet. Start with
authoring-workspace-empty-link = a new focus area
authoring-workspace-missing = Missing:
authoring-workspace-edit-item = Edit { $the } { $title }
authoring-workspace-move-item-up = Move { $the } { $title } up
authoring-workspace-move-item-down = Move { $the } { $title } down
authoring-workspace-delete-item = Delete { $the } { $title }
authoring-workspace-move-up = Move { $the } up
authoring-workspace-move-down = Move { $the } down
authoring-workspace-challenges = Shared hard problems
authoring-workspace-challenges-intro = Problems that cut across focus areas.
authoring-workspace-clusters = Mission clusters
authoring-workspace-clusters-intro = Clusters working on the shared problems.
authoring-workspace-initiatives = Initiatives and trial actions
authoring-workspace-initiatives-intro = Tried out, evaluated and stopped if they do not work.
authoring-workspace-list-areas = Focus areas: { $areas }
authoring-workspace-list-problems = { $count ->
    [one] { $count } shared problem
   *[other] { $count } shared problems
}
authoring-workspace-archived = Archived
authoring-workspace-archived-intro = Archived parts have been taken out of the strategy, but their follow-ups and decisions can still be read.
authoring-workspace-archived-on = archived { $date }
authoring-workspace-restore = Restore
authoring-workspace-no-strategy = No strategy yet
authoring-workspace-no-strategy-text = Create the municipality's strategy to get started. Then add focus areas, goals and sub-goals.

authoring-audit-strategy-created = Strategy created: { $title }
authoring-audit-strategy-changed = Strategy's basic details changed: { $title }
authoring-audit-focus-area-created = Focus area created: { $title }
authoring-audit-focus-area-changed = Focus area changed: { $title }
authoring-audit-goal-created = Goal created: { $title }
authoring-audit-goal-moved = Goal moved to { $area }: { $title }
authoring-audit-goal-changed = Goal changed: { $title }
authoring-audit-sub-goal-created = Sub-goal created: { $title }
authoring-audit-sub-goal-moved = Sub-goal moved to another goal: { $title }
authoring-audit-sub-goal-changed = Sub-goal changed: { $title }
authoring-audit-challenge-created = Shared problem created: { $title }
authoring-audit-challenge-changed = Shared problem changed: { $title }
authoring-audit-cluster-created = Mission cluster created: { $title }
authoring-audit-cluster-changed = Mission cluster changed: { $title }
authoring-audit-initiative-created = Initiative created: { $title }
authoring-audit-initiative-changed = Initiative changed: { $title }
authoring-audit-archived = Archived (has history): { $title }
authoring-audit-deleted = Deleted: { $title }
authoring-audit-restored = Restored: { $title }
authoring-audit-moved-up = Moved up: { $title }
authoring-audit-moved-down = Moved down: { $title }
authoring-inline-saved = Saved.

# Issue 11 (followup-input): the creation form sent again after its item was archived.
authoring-error-archived-meanwhile = { $what }, created by this form, has since been archived. What you wrote has not been saved: create again to save it as a new one, or restore the archived one from the archive.

# workspace (issue 14.4, 14.7): which item an edit form, a control and an announcement is about.
authoring-edit-title-named = { $what }: { $title }
authoring-workspace-add-sub-goal-under = under the goal { $title }
authoring-workspace-moved = { $kind ->
    [focus_area] The focus area
    [goal] The goal
    [sub_goal] The sub-goal
    [challenge] The shared problem
    [cluster] The mission cluster
   *[initiative] The initiative
} “{ $title }” has moved { $direction ->
    [up] up
   *[down] down
}, now number { $position } of { $count }.
authoring-workspace-editor-discard = The open form has changes that are not saved. Close it without saving?
# Session 6, issue 13 points 8 and 10 (forms): mistakes caught in the form, texts as written.
authoring-error-named = { $field }: { $message }
authoring-error-date-does-not-exist = { $date } does not exist. Check the day and the month.
authoring-error-day-does-not-exist = { $date } does not exist. Check the day and the month: { $month } has only { $days } days.
authoring-error-percent = A percentage must be between 0 and 100.
authoring-error-target-not-above = The target ({ $target }) is not above the baseline ({ $baseline }), but the figure is to “{ $direction }”. Correct the target, the baseline or the direction.
authoring-error-target-not-below = The target ({ $target }) is not below the baseline ({ $baseline }), but the figure is to “{ $direction }”. Correct the target, the baseline or the direction.
authoring-form-required-mark = (required)
authoring-form-date-hint = Write as dd-mm-yyyy, for example 31-12-2030.
authoring-form-max-chars = At most { $max } characters.
authoring-form-count = { $count } of { $max } characters
authoring-form-count-over = { $count } of { $max } characters – too long
authoring-field-goal-short-title = Short title
authoring-goal-short-title-hint = Optional. A word or a few, for example “Sickness absence”. Used in headings, lists and exports; the political text stays as written below.
authoring-focus-area-term = focus area
authoring-focus-area-new-term = New { $term }
authoring-focus-area-edit-term = Edit { $term }
authoring-focus-area-create-term = Create { $term }
authoring-goal-choose-area-term = Choose a { $term }

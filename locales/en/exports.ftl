# The export page, and the column headers and words of the CSV and XLSX files.

exports-page-title = Export – { $tenant }
exports-eyebrow = Export
exports-heading = Download the strategy as a spreadsheet
exports-lead = { $strategy }, with the follow-ups from the round you choose. One row per sub-goal and per initiative.
exports-error-round = Choose a round from the list.
exports-error-format = Choose CSV or Excel (XLSX).
exports-no-strategy = The municipality has no strategy to download yet.
exports-form-label = Choose round and format
exports-round-label = Follow-up round
exports-round-option = { $round } ({ $state }, period ending { $date })
exports-no-round = No round – the strategy only
exports-formats-hint = The CSV file is made for Danish Excel (semicolon-separated, decimal comma, dates as 31-12-2026). In the Excel file (XLSX), numbers and dates are real numbers and dates.
exports-download-xlsx = Download Excel (XLSX)
exports-download-csv = Download CSV

# The files: the sheet's name (at most 31 characters), the file name's word (ASCII), the columns.
exports-sheet-name = Strategy and follow-up
exports-file-name = strategy
exports-kind-initiative = Initiative
exports-kind-sub-goal = Sub-goal
exports-col-type = Type
exports-col-focus-area = Focus area
exports-col-goal = Goal
exports-col-sub-goal-or-initiative = Sub-goal / initiative
exports-col-indicator = Indicator
exports-col-unit = Unit
exports-col-baseline = Baseline
exports-col-baseline-date = Measured on
exports-col-target = Target value
exports-col-deadline = Deadline / evaluation
exports-col-lifecycle = Lifecycle
exports-col-owner = Owner
exports-col-org-unit = Organisational unit
exports-col-status = Status
exports-col-measured = Measured value
exports-col-narrative = What has been done
exports-col-next-steps = Next steps

# Session 6, issue 13 point 10 (forms): the goal's short title.
exports-col-goal-short-title = Goal short title
exports-col-review = Reporting

# rounds (issue 13.11): the follow-up's round, story and the review's comment
exports-col-round = Round
exports-col-story = The good story
exports-col-review-comment = Review comment

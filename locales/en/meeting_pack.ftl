# The meeting pack for the steering group: the page, and the PDF made from the same texts.

meeting-pack-heading = Meeting pack
meeting-pack-page-title = Meeting pack { $round } – { $tenant }
meeting-pack-page-title-plain = Meeting pack – { $tenant }
meeting-pack-no-round = No follow-up round has been opened yet.
meeting-pack-no-strategy = The municipality has no active strategy yet.
meeting-pack-download-pdf = Download as PDF
meeting-pack-print-hint = Or print the page from your browser: each section starts on a new page.

meeting-pack-eyebrow = Meeting pack for the steering group
meeting-pack-round = Follow-up round { $round }
meeting-pack-period = Period ending { $date } · prepared { $made }
meeting-pack-contents = Contents
meeting-pack-summary = Summary
meeting-pack-decisions = Decisions to be made
meeting-pack-stories = Success stories

meeting-pack-round-open = The round is open: only submitted and approved follow-ups are counted.
meeting-pack-round-closed = The round is closed: all follow-ups are counted as they stood when it closed.
meeting-pack-completion = { $submitted } of { $total } follow-ups have been submitted ({ $percent }%),
meeting-pack-completion-approved = { $approved } of them approved.
meeting-pack-total = Total
meeting-pack-whole-strategy = The whole strategy
meeting-pack-turned-red-since = Turned critical since { $round }
meeting-pack-turned-red-since-last = Turned critical since the last round
meeting-pack-overdue = Past the deadline without the sub-goal being achieved
meeting-pack-none = None.
meeting-pack-deadline = deadline { $date }

meeting-pack-focus-area-number = { $label } { $number }
meeting-pack-director = Responsible director: { $name }
meeting-pack-col-sub-goal = Sub-goal
meeting-pack-col-status = Status
meeting-pack-col-measured-target = Measured / target
meeting-pack-col-owner = Owner
meeting-pack-changed = Changed
meeting-pack-changed-since-last = changed since the last round
meeting-pack-before = before: { $status }
meeting-pack-measured = measured { $value }
meeting-pack-target = target { $value }

meeting-pack-no-decisions = No proposals are awaiting a decision in this round.
meeting-pack-kind-initiative = initiative
meeting-pack-kind-sub-goal = sub-goal
meeting-pack-learned = What we have learned: { $text }
meeting-pack-no-stories = There are no approved stories to share yet.
meeting-pack-quote = “{ $text }”

# The PDF: each page's foot ends with the page number; the file name is ASCII only.
meeting-pack-pdf-footer = { $tenant } · Meeting pack { $round } · page
meeting-pack-file-name = meeting-pack

# docxout (issue 16.2): Word downloads of the meeting pack and of approved versions
word-download = Download as Word
word-pack-running = { $tenant } · Meeting pack { $round }
word-version-running = { $tenant } · { $strategy } · version { $number }
word-latest-version = The latest is version { $number }.
word-goals-heading = Goals and sub-goals
word-col-sub-goal = Sub-goal
word-col-status = Status
word-col-measured = Measured value
word-col-target = Target value
word-col-deadline = Deadline
word-col-owner = Responsible
word-indicator = Indicator: { $text }
word-col-baseline = Baseline
word-file-name-strategy = strategy

# Charts: SVG titles and descriptions, legends, captions and their data tables.

charts-percent = { $value }%
charts-show-table = Show the figures as a table
charts-total = Total
charts-round = Round
charts-reported = Reported
charts-progress-title = Baseline, measured values per round and target
charts-progress-key = ○ baseline · ● measured value · ◆ target · dashed vertical line: deadline
charts-point = Point
charts-date = Date
charts-value = Value
charts-baseline = Baseline
charts-target = Target
charts-deadline = Deadline

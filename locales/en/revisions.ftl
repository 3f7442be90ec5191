# The approved versions of the strategy: the list, approving a version, one version, comparing two.

revisions-list-title = Versions – { $strategy }
revisions-eyebrow = Annual revision
revisions-heading = Versions of { $strategy }
revisions-intro = Every approved version is kept unchanged and can always be read and compared with other versions.
revisions-none = There are no approved versions yet.
revisions-caption = Approved versions
revisions-col-version = Version
revisions-col-approved = Approved
revisions-col-approved-by = Approved by
revisions-col-decision = Decision / case no.
revisions-version-n = Version { $number }
revisions-compare-heading = Compare versions
revisions-from = From
revisions-to = To
revisions-approve-heading = Approve version
revisions-since = Since version { $number }:
revisions-pending-counts = { $changed } changed, { $added } added, { $removed } removed.
revisions-first = Approve the first version once the strategy has been adopted.
revisions-field-approved-on = Approved on
revisions-field-approved-by = Approved by
revisions-field-approved-by-hint = For example the City Council, the Finance Committee or the Executive Board.
revisions-field-decision = Decision / case number
revisions-field-decision-hint = For example the council's case number or the item on the agenda.
revisions-approve = Approve version
revisions-error-nothing-changed = Nothing has changed since version { $number }, so there is no new version to approve.
revisions-audit-approved = Version { $number } approved by { $by } on { $date }

revisions-version-title = { $strategy } – version { $number }
revisions-version-approved = Version { $number } · approved on { $date } by { $by }
revisions-not-latest = This is not the latest version.
revisions-see-version = See version { $number }
revisions-or = or
revisions-compare-with-it = compare with it
revisions-baseline-value = Baseline { $value }
revisions-target-value = Target { $value }
revisions-by-date = by { $date }

revisions-compare-title = Compare versions – { $strategy }
revisions-compare = Compare
revisions-compare-too-few = There must be at least two approved versions to compare.
revisions-only-changes = Show changes only
revisions-count-changed = changed
revisions-count-added = added
revisions-count-removed = removed
revisions-legend-removed = Removed text is
revisions-legend-struck = struck through
revisions-legend-new = , new text is
revisions-legend-underlined = underlined
revisions-field = Field
revisions-compare-label = Version { $number } · { $date } · { $by }

revisions-change-same = Unchanged
revisions-change-added = Added
revisions-change-removed = Removed
revisions-change-changed = Changed
revisions-kind-strategy = Strategy
revisions-field-period = Period
revisions-field-target = Target
revisions-moved-from = Moved from { $place }
revisions-another-focus-area = another focus area
revisions-moved-from-goal = Moved from the goal “{ $goal }”
revisions-another-goal = another goal

# rounds (issue 13.2): what "Approve version" changes, said before it is pressed
revisions-effects-lead = When you press ‘Approve version’:
revisions-effect-version = The strategy as it stands now is saved as version { $number } with its date, approver and decision.
revisions-effect-adopts = The strategy is adopted: the ‘Draft – not adopted’ label disappears from the dashboard, the status pages, the meeting pack and the initiatives.
revisions-effect-stays-draft = The municipality already has another adopted strategy, so this one stays a draft; the version is saved all the same.
revisions-effect-already-adopted = The strategy is already adopted; the steering group's pages show it as before.
revisions-effect-public = The public page shows version { $number }, if it is switched on.
revisions-effect-earlier = Version { $number } and the earlier versions are kept and can be compared with the new one.

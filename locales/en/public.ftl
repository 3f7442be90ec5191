# The public status page for citizens, /public/{slug}.

public-skip-to-content = Skip to content
public-demo-title = Demo data.
public-demo-text = The strategy text is quoted from the municipality's document; targets and statuses are invented.
public-eyebrow = { $tenant } · status of the strategy { $period }
public-adopted = Adopted { $date }
public-status-explainer = The status is the latest approved follow-up from a completed follow-up round.
public-nothing-chosen = The municipality has not yet chosen which parts of the strategy are shown here.
public-focus-area-default = Focus area
public-sub-goals = Sub-goals
public-indicator = Indicator
public-baseline = Baseline
public-target = Target
public-deadline = Deadline
public-status-note = { $round } (period ending { $date })
public-no-status = No status yet
public-no-strategy = The municipality has no adopted strategy to show at the moment.
public-footer = { $tenant } · shown with Retning

# The public status page for citizens, /public/{slug}.

public-skip-to-content = Spring til indhold
public-demo-title = Demodata.
public-demo-text = Strategiteksten er citeret fra kommunens dokument; måltal og status er opdigtede.
public-eyebrow = { $tenant } · status på strategien { $period }
public-adopted = Vedtaget { $date }
public-status-explainer = Status er den seneste godkendte opfølgning fra en afsluttet opfølgningsrunde.
public-nothing-chosen = Kommunen har endnu ikke valgt, hvilke dele af strategien der vises her.
public-focus-area-default = Indsatsområde
public-sub-goals = Delmål
public-indicator = Indikator
public-baseline = Udgangspunkt
public-target = Mål
public-deadline = Frist
public-status-note = { $round } (til { $date })
public-no-status = Ingen status endnu
public-no-strategy = Kommunen har ingen vedtaget strategi at vise lige nu.
public-footer = { $tenant } · vist med Retning

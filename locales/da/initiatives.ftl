# The portfolio of initiatives.

initiatives-page-title = Initiativer – { $tenant }
initiatives-eyebrow = Porteføljen
initiatives-heading = Initiativer og prøvehandlinger
initiatives-intro = Alle initiativer i den aktive strategi med deres livsforløb og styregruppens beslutninger ({ $count } i alt).
initiatives-no-strategy = Kommunen har ingen aktiv strategi endnu.
initiatives-views = Vis porteføljen
initiatives-by-lifecycle = Efter livsforløb
initiatives-by-cluster = Efter missionsklynge
initiatives-by-challenge = Efter fælles svært problem
initiatives-none-yet = Strategien har ingen initiativer endnu.
initiatives-without-cluster = Uden missionsklynge
initiatives-without-challenge = Uden fælles svært problem
initiatives-column-empty = Ingen.
initiatives-cluster = Klynge: { $name }
initiatives-challenges = Fælles svære problemer: { $names }
initiatives-details = Detaljer
initiatives-details-decisions = { $count ->
    [one] Detaljer og { $count } beslutning
   *[other] Detaljer og { $count } beslutninger
}
initiatives-hypothesis = Hypotese:
initiatives-success-criterion = Succeskriterium:
initiatives-evaluation = Evalueres:
initiatives-latest-followup = Seneste opfølgning: { $round }
initiatives-no-decisions = Ingen beslutninger endnu.
initiatives-decisions = Beslutninger

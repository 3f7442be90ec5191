# The steering group's dashboard, its round picker and the note on what is counted.

dashboard-page-title = Overblik – { $tenant }
dashboard-eyebrow = Styregruppens overblik
dashboard-heading = Overblik
dashboard-round-meta-open = Runde { $round } (åben) · periode til { $period } · frist for opfølgning { $deadline }
dashboard-round-meta-closed = Runde { $round } (lukket) · periode til { $period } · frist for opfølgning { $deadline }
dashboard-no-strategy = Kommunen har ingen aktiv strategi endnu, så der er intet overblik at vise.
dashboard-status-pages = Statussider
dashboard-meeting-pack = Mødepakke
dashboard-no-round = Der er ikke åbnet nogen opfølgningsrunde endnu.

dashboard-progress = Rundens fremdrift
dashboard-completion-submitted = { $in } af { $total } opfølgninger er indsendt
dashboard-completion-approved = { $count } godkendt
dashboard-completion-waiting = { $count } venter på gennemgang
dashboard-completion-returned = { $count } sendt retur
dashboard-completion-draft = { $count ->
    [one] { $count } kladde
   *[other] { $count } kladder
}
dashboard-percent-submitted = { $percent } % indsendt
dashboard-red-heading = Kritiske delmål
dashboard-red-text = af { $total } delmål har status „Kritisk“; { $turned } er blevet kritiske siden sidste runde.
dashboard-overdue-heading = Fristen er overskredet
dashboard-overdue-text = delmål har passeret deres frist uden at være meldt „Gennemført“.
dashboard-waiting-heading = Beslutninger der venter
dashboard-waiting-text = forslag fra de ansvarlige venter på styregruppen.

dashboard-areas-heading = Status pr. { $term }
dashboard-trend-heading = Udviklingen på tværs af runder
dashboard-turned-red-heading = Blevet kritiske siden sidste runde
dashboard-turned-red-none = Ingen delmål er blevet kritiske siden sidste runde.
dashboard-before = Før:
dashboard-before-missing = Før: ikke indberettet
dashboard-more = … og { $count } mere på statussiderne
dashboard-overdue-none = Ingen delmål har overskredet fristen uden at være gennemført.
dashboard-deadline = Frist
dashboard-waiting-none = Ingen forslag venter på en beslutning i denne runde.
dashboard-proposal = Forslag
dashboard-concerns = Gælder
dashboard-status = Status
dashboard-owner = Ansvarlig
dashboard-initiative = Initiativ
dashboard-sub-goal = Delmål
dashboard-stories-heading = Seneste gode historier
dashboard-stories-none = Der er ingen godkendte historier til deling endnu.
dashboard-all-stories = Alle historier

dashboard-counting-open = Runden { $round } er åben: kun indsendte og godkendte opfølgninger tælles med; kladder og opfølgninger, der er sendt retur, vises som „Ikke indberettet“.
dashboard-counting-closed = Runden { $round } er lukket: alle opfølgninger, som nogen har skrevet i, tælles med, som de stod, da runden blev lukket; resten vises som „Ikke indberettet“.
dashboard-counting-compared = Ændringer sammenlignes med runden { $round }.

dashboard-choose-round = Vælg runde
dashboard-round = Runde
dashboard-show = Vis

dashboard-whole-strategy = Hele strategien
dashboard-chart-areas-title = Status pr. { $term }, { $round }
dashboard-chart-trend-title = Udviklingen i status på tværs af runder (andel af indberettede delmål)

# rounds (issue 13.7): the one name for a follow-up nobody wrote in
dashboard-completion-not-reported = { $count } ikke indberettet

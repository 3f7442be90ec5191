# Charts: SVG titles and descriptions, legends, captions and their data tables.

charts-percent = { $value } %
charts-show-table = Vis tallene som tabel
charts-total = I alt
charts-round = Runde
charts-reported = Indberettet
charts-progress-title = Udgangspunkt, målte værdier pr. runde og mål
charts-progress-key = ○ udgangspunkt · ● målt værdi · ◆ mål · stiplet lodret linje: frist
charts-point = Punkt
charts-date = Dato
charts-value = Værdi
charts-baseline = Udgangspunkt
charts-target = Mål
charts-deadline = Frist

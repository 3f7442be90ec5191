# The municipality's people and what each is responsible for.

people-heading = Personer
people-intro = Kommunens brugere og hvad de har ansvaret for i strategien.
people-name = Navn
people-title = Titel
people-org-unit = Enhed
people-owns-count = Ansvar for
people-breadcrumbs = Brødkrummer
people-owns = Ansvarlig for
people-owns-nothing = { $name } er ikke ansvarlig for noget i strategien.
people-deadline = frist { $date }
people-kind-focus-area = Fokusområde (ansvarlig direktør)
people-kind-goal = Mål
people-kind-sub-goal = Delmål
people-kind-initiative = Initiativ

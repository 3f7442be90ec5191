# The municipality's people and what each is responsible for.

people-heading = People
people-intro = The municipality's users and what they are responsible for in the strategy.
people-name = Name
people-title = Job title
people-org-unit = Unit
people-owns-count = Responsible for
people-breadcrumbs = Breadcrumbs
people-owns = Responsible for
people-owns-nothing = { $name } is not responsible for anything in the strategy.
people-deadline = deadline { $date }
people-kind-focus-area = Focus area (responsible director)
people-kind-goal = Goal
people-kind-sub-goal = Sub-goal
people-kind-initiative = Initiative

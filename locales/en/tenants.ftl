# The front page, listing the signed-in user's municipalities.

tenants-title = Home
tenants-lead = The municipality's strategy and its half-yearly follow-up in one place: focus areas, goals and SMART sub-goals with owners, status and the good story.
tenants-sign-in = Sign in
tenants-mine = Your municipalities
tenants-none = You are not a member of any municipality yet. Ask your municipality's administrator for an invitation.
tenants-demo = Demo

## Session 6, helper "people" (issue 13, point 1): "Kom i gang", the getting-started checklist
home-checklist-heading = Getting started
home-checklist-progress = { $done } of { $total } steps done. The list goes away once the first follow-up round is open.
home-checklist-done = Done
home-checklist-next = Next step
home-checklist-strategy = The strategy's basic text
home-checklist-strategy-todo = Write the strategy's title, period and introduction.
home-checklist-strategy-done = The strategy has a title, a period and an introduction.
home-checklist-strategy-link = Write the basic text
home-checklist-strategy-edit = Edit the basic text
home-checklist-focus-areas = Focus areas
home-checklist-focus-areas-todo = Create the areas the strategy gathers its work in.
home-checklist-focus-areas-count = { $count ->
    [one] 1 focus area
   *[other] { $count } focus areas
}
home-checklist-focus-areas-link = Create a focus area
home-checklist-goals = Goals
home-checklist-goals-todo = Write the goals under each focus area.
home-checklist-goals-count = { $count ->
    [one] 1 goal
   *[other] { $count } goals
}
home-checklist-goals-link = Write goals
home-checklist-sub-goals = Sub-goals with an owner
home-checklist-sub-goals-todo = Write sub-goals under the goals and give each one an owner who follows up on it.
home-checklist-sub-goals-count = { $owned } of { $count } sub-goals have an owner.
home-checklist-sub-goals-link = Add sub-goals and owners
home-checklist-people = People and units
home-checklist-people-count = { $units ->
    [one] 1 unit
   *[other] { $units } units
}, { $people ->
    [one] 1 person
   *[other] { $people } people
} (invited included).
home-checklist-org-units-link = Create units
home-checklist-people-link = Invite people
home-checklist-round = The first follow-up round
home-checklist-round-todo = Create and open a round so that the owners can follow up on their sub-goals.
home-checklist-round-planned = A round has been created but not opened yet.
home-checklist-round-link = Go to the rounds
home-checklist-who-admin = An administrator does this.
home-checklist-who-secretariat = The secretariat does this.

# The front page, listing the signed-in user's municipalities.

tenants-title = Home
tenants-lead = The municipality's strategy and its half-yearly follow-up in one place: focus areas, goals and SMART sub-goals with owners, status and the good story.
tenants-sign-in = Sign in
tenants-mine = Your municipalities
tenants-none = You are not a member of any municipality yet. Ask your municipality's administrator for an invitation.
tenants-demo = Demo

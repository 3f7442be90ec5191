# The front page, listing the signed-in user's municipalities.

tenants-title = Forside
tenants-lead = Kommunens strategi og den halvårlige opfølgning ét sted: indsatsområder, mål og SMARTe delmål med ansvarlige, status og den gode historie.
tenants-sign-in = Log ind
tenants-mine = Dine kommuner
tenants-none = Du er ikke medlem af nogen kommune endnu. Bed kommunens administrator om en invitation.
tenants-demo = Demo

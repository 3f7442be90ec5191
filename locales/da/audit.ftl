# The audit log page (the stored event summaries are records and are shown as written).

audit-title = Revisionsspor – { $tenant }
audit-eyebrow = Administration
audit-heading = Revisionsspor
audit-intro = Hvem gjorde hvad og hvornår: logins, brugere, roller og alle ændringer af strategi og opfølgninger.
audit-filter = Filtrér revisionssporet
audit-filter-action = Hændelse
audit-filter-all = Alle
audit-filter-actor = Person
audit-filter-from = Fra dato
audit-filter-to = Til dato
audit-filter-date-error = Skriv en dato som 2025-06-30.
audit-filter-submit = Filtrér
audit-none = Ingen hændelser matcher.
audit-caption = Hændelser, nyeste først
audit-col-at = Tidspunkt
audit-col-actor = Person
audit-col-action = Hændelse
audit-col-summary = Beskrivelse
audit-change = Før og efter
audit-change-before = Før
audit-change-after = Efter
audit-pages = Sider
audit-newer = ← Nyere
audit-older = Ældre →
audit-record-strategy-imported = Strategien "{ $title }" blev indlæst fra fil

## Task "mail" (13.11): the audit log's event names in words, one per AuditAction.
audit-action-auth-sign-in = Logget ind
audit-action-auth-sign-in-failed = Mislykket login
audit-action-auth-sign-out = Logget ud
audit-action-auth-sessions-ended = Alle sessioner afsluttet
audit-action-user-invited = Bruger inviteret
audit-action-user-invitation-accepted = Invitation accepteret
audit-action-user-invitation-declined = Invitation afvist
audit-action-user-invitation-resent = Invitation sendt igen
audit-action-user-password-link-created = Link til adgangskode oprettet
audit-action-user-password-reset = Adgangskode nulstillet
audit-action-user-password-changed = Adgangskode ændret
audit-action-user-renamed = Navn ændret
audit-action-member-updated = Medlem opdateret
audit-action-member-role-changed = Rolle ændret
audit-action-member-activated = Bruger genaktiveret
audit-action-member-deactivated = Bruger deaktiveret
audit-action-people-imported = Personer indlæst fra regneark
audit-action-tenant-created = Kommune oprettet
audit-action-tenant-branding-updated = Kommunens udseende ændret
audit-action-public-page-updated = Offentlig side ændret
audit-action-api-token-created = API-nøgle oprettet
audit-action-api-token-revoked = API-nøgle tilbagekaldt
audit-action-strategy-imported = Strategi indlæst fra fil
audit-action-strategy-replaced = Strategi erstattet
audit-action-item-created = Element oprettet
audit-action-item-updated = Element ændret
audit-action-item-archived = Element arkiveret
audit-action-item-restored = Element gendannet
audit-action-item-deleted = Element slettet
audit-action-item-reordered = Rækkefølge ændret
audit-action-revision-approved = Strategiversion godkendt
audit-action-round-created = Runde oprettet
audit-action-round-opened = Runde åbnet
audit-action-round-closed = Runde lukket
audit-action-followup-saved = Opfølgning gemt som kladde
audit-action-followup-submitted = Opfølgning indsendt
audit-action-followup-approved = Opfølgning godkendt
audit-action-followup-returned = Opfølgning sendt retur
audit-action-followup-commented = Svar i samtalen om en opfølgning
audit-action-initiative-decided = Beslutning om initiativ

# Session 6 merge: the actions the org-unit and round pages added.
audit-action-org-unit-created = Enhed oprettet
audit-action-org-unit-renamed = Enhed omdøbt
audit-action-org-unit-moved = Enhed flyttet
audit-action-org-unit-archived = Enhed arkiveret
audit-action-org-unit-restored = Enhed gendannet
audit-action-round-updated = Runde ændret
audit-action-round-deleted = Runde slettet
audit-action-round-reopened = Runde genåbnet

# oidc (issue 15): sign-in through the municipality's provider
audit-action-sso-configured = Log-ind via kommunen indstillet

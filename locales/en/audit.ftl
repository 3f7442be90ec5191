# The audit log page (the stored event summaries are records and are shown as written).

audit-title = Audit trail – { $tenant }
audit-eyebrow = Administration
audit-heading = Audit trail
audit-intro = Who did what and when: sign-ins, users, roles and every change to the strategy and the follow-ups.
audit-filter = Filter the audit trail
audit-filter-action = Event
audit-filter-all = All
audit-filter-actor = Person
audit-filter-from = From date
audit-filter-to = To date
audit-filter-date-error = Enter a date such as 2025-06-30.
audit-filter-submit = Filter
audit-none = No events match.
audit-caption = Events, newest first
audit-col-at = Time
audit-col-actor = Person
audit-col-action = Event
audit-col-summary = Description
audit-change = Before and after
audit-change-before = Before
audit-change-after = After
audit-pages = Pages
audit-newer = ← Newer
audit-older = Older →
audit-record-strategy-imported = The strategy "{ $title }" was loaded from a file

## Task "mail" (13.11): the audit log's event names in words, one per AuditAction.
audit-action-auth-sign-in = Signed in
audit-action-auth-sign-in-failed = Failed sign-in
audit-action-auth-sign-out = Signed out
audit-action-auth-sessions-ended = All sessions ended
audit-action-user-invited = User invited
audit-action-user-invitation-accepted = Invitation accepted
audit-action-user-invitation-declined = Invitation declined
audit-action-user-invitation-resent = Invitation sent again
audit-action-user-password-link-created = Password link created
audit-action-user-password-reset = Password reset
audit-action-user-password-changed = Password changed
audit-action-user-renamed = Name changed
audit-action-member-updated = Member updated
audit-action-member-role-changed = Role changed
audit-action-member-activated = User reactivated
audit-action-member-deactivated = User deactivated
audit-action-people-imported = People imported from a spreadsheet
audit-action-tenant-created = Municipality created
audit-action-tenant-branding-updated = Municipality's look changed
audit-action-public-page-updated = Public page changed
audit-action-api-token-created = API key created
audit-action-api-token-revoked = API key revoked
audit-action-strategy-imported = Strategy loaded from a file
audit-action-strategy-replaced = Strategy replaced
audit-action-item-created = Item created
audit-action-item-updated = Item changed
audit-action-item-archived = Item archived
audit-action-item-restored = Item restored
audit-action-item-deleted = Item deleted
audit-action-item-reordered = Order changed
audit-action-revision-approved = Strategy version approved
audit-action-round-created = Round created
audit-action-round-opened = Round opened
audit-action-round-closed = Round closed
audit-action-followup-saved = Follow-up saved as draft
audit-action-followup-submitted = Follow-up submitted
audit-action-followup-approved = Follow-up approved
audit-action-followup-returned = Follow-up returned
audit-action-followup-commented = Reply in a follow-up's conversation
audit-action-initiative-decided = Decision on initiative

# Session 6 merge: the actions the org-unit and round pages added.
audit-action-org-unit-created = Unit created
audit-action-org-unit-renamed = Unit renamed
audit-action-org-unit-moved = Unit moved
audit-action-org-unit-archived = Unit archived
audit-action-org-unit-restored = Unit restored
audit-action-round-updated = Round changed
audit-action-round-deleted = Round deleted
audit-action-round-reopened = Round reopened

# oidc (issue 15): sign-in through the municipality's provider
audit-action-sso-configured = Municipal sign-in set up

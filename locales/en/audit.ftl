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

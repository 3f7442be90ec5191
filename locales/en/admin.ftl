# Administration of a municipality: users, API keys, the public page's settings, the outbox.

admin-eyebrow = Administration
admin-tabs-label = Administration
admin-tab-users = Users
admin-tab-audit = Audit log
admin-tab-outbox = Outbox
admin-tab-public = Public page
admin-tab-api-tokens = API keys
admin-breadcrumbs = Breadcrumbs
admin-save = Save

## Users

admin-users-page-title = Users – { $tenant }
admin-users-heading = Users
admin-users-saved = Your changes have been saved.
admin-users-deactivated = The user has been deactivated and no longer has access to the municipality.
admin-users-activated = The user is active again.
admin-users-invite-heading = Invite a user
admin-users-invite-failed = The invitation was not sent. Correct the fields marked below.
admin-users-email = Email
admin-users-name = Name
admin-users-role = Role
admin-users-invite-button = Invite
admin-users-all = All users ({ $count })
admin-users-caption = Users in the municipality
admin-users-col-title-unit = Job title and unit
admin-users-col-last-sign-in = Last signed in
admin-users-col-status = Status
admin-users-state-deactivated = Deactivated
admin-users-state-invited = Invited
admin-users-state-active = Active
admin-users-never = never
admin-users-error-email = Enter a valid email address, e.g. name@municipality.dk.
admin-users-error-name-empty = Enter the person's name.
admin-users-error-name-too-long = The name can be at most 200 characters.
admin-users-error-role = Choose a role.
admin-users-error-already-member = This person is already a user in the municipality. Change their role in the list below.
admin-users-error-last-admin = The municipality must have at least one active administrator.

## One user

admin-user-page-title = { $name } – users
admin-user-last-sign-in = last signed in: { $when }
admin-user-deactivated = deactivated
admin-user-role-heading = Role and position
admin-user-failed = The changes were not saved. Correct the fields marked below.
admin-user-job-title = Job title
admin-user-unit = Unit
admin-user-no-unit = (none)
admin-user-level = Management level
admin-user-not-leader = (not a manager)
admin-user-access-heading = Access
admin-user-new-password-link = Create a link for a new password
admin-user-new-invitation-link = Create a new invitation link
admin-user-deactivate = Deactivate
admin-user-activate = Reactivate
admin-user-error-level = Choose a management level from the list.
admin-user-error-unit = Choose a unit from the list.
admin-user-error-title-too-long = The job title can be at most 300 characters.

## Audit-log summaries written when an administrator acts

admin-audit-user-invited = { $name } ({ $email }) invited as { $role }
admin-audit-role-changed = { $name }: role changed from { $from } to { $to }
admin-audit-member-updated = { $name }: job title and position changed
admin-audit-activated = { $name } has been reactivated
admin-audit-deactivated = { $name } has been deactivated
admin-audit-password-link = New link to choose a password for { $name }
admin-audit-token-created = The API key “{ $name }” has been created
admin-audit-token-revoked = The API key “{ $name }” has been revoked
admin-audit-public-shown = { $count ->
    [one] The public page shows { $count } area
   *[other] The public page shows { $count } areas
}
admin-audit-public-off = The public page has been switched off

## API keys

admin-tokens-page-title = API keys – { $tenant }
admin-tokens-heading = API keys
admin-tokens-lead = With an API key, the municipality's BI tools (such as Power BI) can read the strategy, the rounds, the follow-ups and the initiatives. The key gives read-only access, and only to this municipality.
admin-tokens-revoked = The key has been revoked and no longer works.
admin-tokens-revoke-unknown = The key does not exist or has already been revoked. Nothing was changed.
admin-tokens-created = The API key “{ $name }” has been created. Copy it now – it is shown only this once and cannot be retrieved later:
admin-tokens-send-in-header = Send it in the header
admin-tokens-header-example = Authorization: Bearer <key>
admin-tokens-create-heading = Create an API key
admin-tokens-create-failed = The key was not created. Correct the field below.
admin-tokens-name-label = Name (what the key is used for)
admin-tokens-error-empty = Give the key a name, e.g. “Power BI – finance”.
admin-tokens-error-too-long = The name can be at most 100 characters.
admin-tokens-error-taken = There is already an active key with that name. Choose another name, or revoke the old key first.
admin-tokens-create-button = Create key
admin-tokens-list-heading = Keys ({ $count })
admin-tokens-none = There are no API keys yet.
admin-tokens-caption = The municipality's API keys
admin-tokens-col-name = Name
admin-tokens-col-hint = Starts with
admin-tokens-col-created = Created
admin-tokens-col-last-used = Last used
admin-tokens-col-status = Status
admin-tokens-created-by = by { $name }
admin-tokens-never-used = never
admin-tokens-revoked-on = Revoked { $when }
admin-tokens-revoke = Revoke
admin-tokens-doc-heading = How to use the API
admin-tokens-doc-addresses = The addresses begin with
admin-tokens-doc-and = and
admin-tokens-doc-paging = Lists are returned in pages; follow the
admin-tokens-doc-paging-link = {" "}link for the next page.
admin-tokens-doc-openapi = The description (OpenAPI) is at

## The public page's settings

admin-public-page-title = Public page – { $tenant }
admin-public-heading = Public status page
admin-public-lead = The page shows citizens the adopted strategy for the chosen areas, and the status from approved follow-ups in completed rounds. It never shows drafts, the names of employees or internal comments.
admin-public-saved = The settings have been saved.
admin-public-is-public = The page is public at
admin-public-not-public = The page is not public.
admin-public-error-none-selected = Choose at least one area to show before switching the page on.
admin-public-error-unknown-area = Choose the areas from the list.
admin-public-nothing-saved = Nothing was saved.
admin-public-no-strategy = The municipality has no active strategy, so there is nothing to show publicly yet.
admin-public-enable = Show the public status page at { $path }
admin-public-areas-legend = Areas to show
admin-public-see-page = View the public page

## Outbox

admin-outbox-heading = Outbox
admin-outbox-smtp = Emails are sent over SMTP; the most recent are shown here.
admin-outbox-no-smtp = No mail server has been set up (RETNING_SMTP_URL), so emails stay here instead of being sent.
admin-outbox-explainer = Retning sends a message when a round opens, reminders 7 days and 1 day before the deadline to those who have not submitted, and a list of missing follow-ups to the secretariat after the deadline.
admin-outbox-empty = No emails yet.
admin-outbox-to = to { $to }

## Issue 11 (credentials): invitations and password links go by email to the person, never onto these pages
admin-users-invitation-sent = { $name } ({ $email }) has been invited as { $role }. The person gets an email about the invitation and is shown as invited until they have accepted it.
admin-users-mail-by-smtp = Links to choose a password are sent only to the person's own email and are never shown here.
admin-users-mail-waits-for-operator = No mail server has been set up, so the email waits with Retning's operator, who passes it on. Links to choose a password are never shown here.
admin-users-state-withdrawn = Invitation withdrawn
admin-user-invitation-pending = invited, has not answered yet
admin-user-invitation-withdrawn = the invitation has been withdrawn
admin-user-send-invitation-again = Send the invitation again
admin-user-withdraw-invitation = Withdraw the invitation
admin-user-link-mailed = An email to { $email } is on its way.
admin-audit-invitation-resent = The invitation to { $name } was sent again

# rounds (issue 13.2): the public page shows only an adopted strategy
admin-public-draft = The municipality's strategy is a draft – it has not been adopted. The public page shows only an adopted strategy, so citizens see nothing yet. Once the strategy is approved with ‘Approve version’, you can choose the areas here.
admin-public-draft-link = Go to versions

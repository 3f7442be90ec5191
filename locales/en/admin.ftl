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
## Session 6, helper "people" (issue 13, points 4 and 12): org units in the browser; deactivating asks first
admin-tab-org-units = Organisation
admin-org-page-title = Organisation – { $tenant }
admin-org-heading = Organisation
admin-org-intro = The municipality's units (departments, divisions, teams). People, sub-goals and initiatives are placed in them, and the status pages show progress per unit.
admin-org-new-heading = Create a unit
admin-org-new-failed = The unit was not created.
admin-org-name = Name
admin-org-parent = Part of
admin-org-parent-hint = Choose the unit it belongs to, or the top level.
admin-org-top-level = Top level (no parent unit)
admin-org-create = Create unit
admin-org-all = { $count ->
    [one] One unit
   *[other] { $count } units
}
admin-org-none = There are no units yet. Create the first one above, e.g. a department.
admin-org-edit = Edit
admin-org-edit-named = Edit { $name }
admin-org-archive = Archive
admin-org-archive-named = Archive { $name }
admin-org-archived-heading = Archived units
admin-org-archived-intro = Archived units cannot be chosen in the forms. You can restore them.
admin-org-under = under { $parent }
admin-org-restore = Restore
admin-org-restore-named = Restore { $name }
admin-org-created = The unit { $name } has been created.
admin-org-saved = The changes to { $name } have been saved.
admin-org-archived = The unit { $name } has been archived.
admin-org-restored = The unit { $name } has been restored.
admin-org-count-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}
admin-org-count-sub-goals = { $count ->
    [one] 1 sub-goal
   *[other] { $count } sub-goals
}
admin-org-count-initiatives = { $count ->
    [one] 1 initiative
   *[other] { $count } initiatives
}
admin-org-count-nothing = No people, sub-goals or initiatives
admin-org-list-and = { $first } and { $last }
admin-org-no-unit = no unit
admin-org-edit-title = { $name } – organisation
admin-org-placed-here = Placed here: { $what }
admin-org-edit-heading = Name and place
admin-org-edit-failed = The changes were not saved.
admin-org-cancel = Cancel
admin-org-back = Back
admin-org-archive-heading = Archive the unit
admin-org-archive-explainer = When a unit is archived, the people, sub-goals and initiatives placed in it move to its parent unit. You will be asked first.
admin-org-archive-this = Archive the unit …
admin-org-archive-title = Archive { $name }?
admin-org-archive-question = Archive { $name }?
admin-org-archive-empty = No people, sub-goals or initiatives are placed in { $name }.
admin-org-archive-placed = { $name } has { $what } placed in it.
admin-org-archive-move-to-parent = When you archive the unit, they move to { $parent }.
admin-org-archive-move-out = The unit is at the top level, so when you archive it they will have no unit.
admin-org-archive-restore-later = You can restore the unit later, but what was moved stays where it was moved to.
admin-org-archive-confirm = Archive the unit
admin-org-archive-confirm-move = Archive and move to { $parent }
admin-org-archive-confirm-out = Archive and leave them without a unit
admin-org-archive-has-children = { $name } cannot be archived because other units are part of it: { $children }. Move or archive them first.
admin-org-error-parent = Choose a unit from the list.
admin-org-error-own-parent = A unit cannot be part of itself.
admin-org-error-cycle = { $name } cannot be moved under { $parent }, because { $parent } is itself part of { $name }. Choose a unit outside { $name }.
admin-org-error-duplicate = There is already a unit called { $name } under { $parent }. Choose another name.
admin-org-error-duplicate-top = There is already a unit called { $name } at the top level. Choose another name.
admin-org-error-restore-parent = { $name } cannot be restored because { $parent }, which it is part of, is archived. Restore { $parent } first.
admin-org-error-restore-duplicate = { $name } cannot be restored because another unit of the same name is now in the same place. Rename that one first.
admin-org-audit-created = The unit { $name } was created
admin-org-audit-created-under = The unit { $name } was created under { $parent }
admin-org-audit-renamed = The unit { $name } was renamed { $to }
admin-org-audit-moved = The unit { $name } was moved from { $from } to { $to }
admin-org-audit-archived = The unit { $name } was archived
admin-org-audit-archived-moved = The unit { $name } was archived; { $what } moved to { $to }
admin-org-audit-top-level = the top level
admin-org-audit-restored = The unit { $name } was restored
admin-user-deactivate-title = Deactivate { $name }?
admin-user-deactivate-question = Deactivate { $name }?
admin-user-deactivate-what-happens = What happens when you deactivate
admin-user-deactivate-access = { $name } loses access to { $tenant } in Retning at once, also in a browser where they are signed in right now, and can no longer sign in here.
admin-user-deactivate-owns = { $name } remains the owner of { $what }. Choose a new owner under Edit strategy if someone else is to follow up.
admin-user-deactivate-owns-nothing = { $name } owns nothing in the strategy.
admin-user-deactivate-open-followups = { $count ->
    [one] { $name } has 1 follow-up in the open round that is not submitted. The secretariat can fill it in.
   *[other] { $name } has { $count } follow-ups in the open round that are not submitted. The secretariat can fill them in.
}
admin-user-deactivate-account = The person's account and access to other municipalities are not affected. You can activate { $name } again later.
admin-user-deactivate-confirm = Deactivate { $name }
admin-user-owns-focus-areas = { $count ->
    [one] 1 focus area
   *[other] { $count } focus areas
}
admin-user-owns-goals = { $count ->
    [one] 1 goal
   *[other] { $count } goals
}
admin-user-owns-sub-goals = { $count ->
    [one] 1 sub-goal
   *[other] { $count } sub-goals
}
admin-user-owns-initiatives = { $count ->
    [one] 1 initiative
   *[other] { $count } initiatives
}

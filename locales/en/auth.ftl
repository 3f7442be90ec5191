# Signing in and out, the account page, sessions and the one-time password links.

auth-breadcrumbs = Breadcrumbs

## Sign-in
auth-login-title = Sign in
auth-login-heading = Sign in
auth-login-email = Email
auth-login-password = Password
auth-login-submit = Sign in
auth-login-notice-expired = Your session has expired. Sign in again – what you wrote has been kept and will be put back.
auth-login-notice-password-set = Your password has been saved. Sign in with it.
auth-login-notice-signed-out = You have been signed out.
auth-login-error-wrong = The email or password is incorrect.
auth-login-error-missing = Enter both your email and your password.
auth-login-error-account-locked = The account is temporarily locked after too many failed attempts. Try again in { $wait }.
auth-login-error-ip-blocked = Too many failed attempts from your network address. Try again in { $wait }.
auth-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}

## The account page
auth-account-title = My account
auth-account-signed-in-as = You are signed in as
auth-account-sessions-link = My sessions
auth-account-notice-name = Your name has been saved.
auth-account-notice-password = Your password has been changed. Your other sessions have been signed out.
auth-account-name-heading = Name
auth-account-name-label = Your name
auth-account-name-save = Save name
auth-account-password-heading = Change password
auth-account-password-current = Current password
auth-account-password-new = New password
auth-account-password-hint = At least 12 characters. A sentence that is easy to remember and hard to guess works well.
auth-account-password-repeat = Repeat new password
auth-account-password-save = Change password
auth-account-language-heading = Language
auth-account-language-legend = The language of Retning
auth-account-language-hint = Your choice is saved on your account and follows you when you sign in from another browser.
auth-account-language-save = Save language
auth-error-name-required = Enter your name.
auth-error-name-too-long = The name may be at most 200 characters.
auth-error-current-password-wrong = The current password is incorrect.
auth-error-new-passwords-differ = The two new passwords do not match.
auth-error-passwords-differ = The two passwords do not match.
auth-password-too-short = The password must be at least { $min } characters.
auth-password-too-long = The password may be at most { $max } characters.
auth-password-too-guessable = The password is too easy to guess (it resembles a common password). Choose a longer or more unusual one.

## Sessions
auth-sessions-title = My sessions
auth-sessions-heading = My sessions
auth-sessions-ended = { $count ->
    [one] { $count } other session has been signed out.
   *[other] { $count } other sessions have been signed out.
}
auth-sessions-intro = These are the places where you are signed in. If you do not recognise one of them, sign them out and change your password.
auth-sessions-caption = Active sessions
auth-sessions-col-device = Device
auth-sessions-col-created = Signed in
auth-sessions-col-last-seen = Last active
auth-sessions-col-ip = Network address
auth-sessions-this = this session
auth-sessions-end-others = Sign out all other sessions
auth-device = { $browser } on { $os }
auth-device-unknown-browser = Unknown browser
auth-device-unknown-system = unknown system
auth-ip-unknown = unknown

## One-time links
auth-set-password-title = Choose a password
auth-set-password-welcome = Welcome to Retning
auth-set-password-heading = Choose a new password
auth-set-password-for = You are choosing the password for
auth-set-password-name = Your name
auth-set-password-password = Password
auth-set-password-repeat = Repeat password
auth-set-password-save = Save password
auth-expired-title = The link does not work
auth-expired-heading = The link no longer works
auth-expired-text = The link has been used, has expired or has been replaced by a newer one. Ask your municipality's administrator for a new one.
auth-expired-to-login = To sign-in

## Audit summaries: the municipality's record, always written in Danish (see crate::audit::record_text)
auth-audit-sign-in = Signed in
auth-audit-sign-in-failed = Failed sign-in
auth-audit-sign-out = Signed out
auth-audit-renamed = Name changed to { $name }
auth-audit-password-changed = Password changed
auth-audit-password-set-via-link = Password chosen via link
auth-audit-sessions-ended = { $count } other sessions ended

## Issue 11: sign-in under load (signin)
auth-login-error-busy = Many people are signing in right now. Wait { $seconds } seconds and try again.
## Issue 11 (credentials): "Forgot your password?", invitations waiting for an answer, and the mails
## about a person's own account (written in the person's saved language)
auth-forgot-link = Forgot your password?
auth-forgot-title = Forgotten password
auth-forgot-heading = Forgotten password
auth-forgot-intro = Enter the email address you sign in with. If it has a Retning account, we will send a link so that you can choose a new password.
auth-forgot-submit = Send link
auth-forgot-back = Back to sign in
auth-forgot-sent = If the address has a Retning account, we are now sending it an email with a link to choose a new password. The link can only be used once. Your current password works until you choose a new one.
auth-forgot-error-email = Enter a valid email address, e.g. name@municipality.dk.
auth-forgot-error-too-many = Too many links have been asked for in a short time. Try again in an hour.
auth-expired-ask-again = You can also ask for a new link yourself:
auth-set-password-joins = Once you have saved your password, you will have access to: { $tenants }.
auth-invitations-title = Invitations
auth-invitations-heading = Invitations
auth-invitations-intro = You have been invited to these municipalities in Retning. You use your own account and password; accept to get access.
auth-invitations-none = You have no invitations waiting for an answer.
auth-invitations-to-front-page = To the front page
auth-invitations-as = As { $role }, invited { $when }.
auth-invitations-accept = Accept
auth-invitations-decline = Decline
auth-invitations-declined = The invitation has been declined. The municipality has not been given access to anything about you.
auth-audit-invitation-accepted = Invitation accepted
auth-audit-invitation-declined = Invitation declined
auth-mail-greeting = Dear { $name },
auth-mail-sign-off = Kind regards
    Retning
auth-mail-link-valid = The link works for { $hours } hours and can only be used once:
auth-mail-invitation-subject = You have been invited to { $tenant } in Retning
auth-mail-invitation-text = { $by } has invited you to { $tenant } in Retning as { $role }. Choose your password here.
auth-mail-invitation-unexpected = If you do not know about this invitation, you can ignore this email. Nothing more will happen.
auth-mail-added-subject = You have been invited to { $tenant } in Retning
auth-mail-added-text = { $by } has invited you to { $tenant } in Retning as { $role }. You use your existing account and password. Sign in and accept the invitation here:
auth-mail-added-unexpected = If you do not know about this invitation, decline it on the same page or ignore this email. The municipality gets access to nothing about you until you have accepted.
auth-mail-password-subject = Choose a new password for Retning
auth-mail-password-by-admin = { $by } of { $tenant } has sent you a link so that you can choose a new password for Retning.
auth-mail-password-by-request = Someone asked for a link to choose a new password for Retning for this address.
auth-mail-password-unexpected = If you did not ask for it, you can ignore this email: your current password works until you choose a new one yourself.

## Session 6, helper "people" (issue 13, point 12): signed in after choosing a password through a link
auth-audit-sign-in-via-link = Signed in after choosing a password through a link

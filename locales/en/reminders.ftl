# Reminder e-mails (written in the recipient's saved language) and the outbox.

reminders-greeting = Dear { $name },
reminders-sign-off = Kind regards
reminders-sign-off-sender = The secretariat
reminders-opened-subject = Follow-up { $round }: please write your follow-up by { $date }
reminders-opened-text = The follow-up round { $round } has opened. You are responsible for { $count ->
        [one] one sub-goal or initiative
       *[other] { $count } sub-goals or initiatives
    }. Please write your follow-up by { $date }.
reminders-reminder-subject = Reminder: follow-up { $round } is due by { $date }
reminders-reminder-text = You still have { $count ->
        [one] one follow-up
       *[other] { $count } follow-ups
    } to submit in the round { $round }. The deadline is { $date }.
reminders-summary-subject = Follow-up { $round }: { $count ->
        [one] one owner has
       *[other] { $count } owners have
    } not submitted by the deadline
reminders-summary-text = The deadline for the round { $round } was { $date }. These owners have not yet submitted:

reminders-outbox-title = Outbox – { $tenant }
reminders-status-sent = Sent
reminders-status-outbox = In the outbox
reminders-status-failed = Failed
reminders-status-queued = Queued

## Task "mail" (13.5): mail when a follow-up is returned, approved, or submitted again.
reminders-followup-someone = The secretariat
reminders-followup-returned-subject = Your follow-up has been returned: { $subject }
reminders-followup-returned-text = { $author } has returned your follow-up on "{ $subject }" ({ $round }) with this comment:
reminders-followup-returned-what-now = You can reply in the conversation on the follow-up, correct it and submit it again.
reminders-followup-approved-subject = Your follow-up has been approved: { $subject }
reminders-followup-approved-text = { $author } has approved your follow-up on "{ $subject }" ({ $round }). Thank you.
reminders-followup-resubmitted-subject = Follow-up submitted again: { $subject }
reminders-followup-resubmitted-text = { $owner } has submitted the follow-up on "{ $subject }" ({ $round }) again after it was returned. It is waiting for review.
reminders-followup-link = Open the follow-up: { $link }

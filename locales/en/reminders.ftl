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

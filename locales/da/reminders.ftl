# Reminder e-mails (written in the recipient's saved language) and the outbox.

reminders-greeting = Kære { $name },
reminders-sign-off = Venlig hilsen
reminders-sign-off-sender = Sekretariatet
reminders-opened-subject = Opfølgning { $round }: skriv din opfølgning senest { $date }
reminders-opened-text = Opfølgningsrunden { $round } er åbnet. Du er ansvarlig for { $count } delmål eller initiativer. Skriv din opfølgning senest { $date }.
reminders-reminder-subject = Påmindelse: opfølgning { $round } skal være indsendt { $date }
reminders-reminder-text = Du mangler at indsende { $count } opfølgning(er) i runden { $round }. Fristen er { $date }.
reminders-summary-subject = Opfølgning { $round }: { $count } mangler efter fristen
reminders-summary-text = Fristen for runden { $round } var { $date }. Disse ansvarlige mangler at indsende:

reminders-outbox-title = Udbakke – { $tenant }
reminders-status-sent = Sendt
reminders-status-outbox = I udbakken
reminders-status-failed = Fejlet
reminders-status-queued = I kø

## Task "mail" (13.5): mail when a follow-up is returned, approved, or submitted again.
reminders-followup-someone = Sekretariatet
reminders-followup-returned-subject = Din opfølgning er sendt retur: { $subject }
reminders-followup-returned-text = { $author } har sendt din opfølgning på "{ $subject }" ({ $round }) retur med denne kommentar:
reminders-followup-returned-what-now = Du kan svare i samtalen på opfølgningen, rette den og indsende den igen.
reminders-followup-approved-subject = Din opfølgning er godkendt: { $subject }
reminders-followup-approved-text = { $author } har godkendt din opfølgning på "{ $subject }" ({ $round }). Tak for den.
reminders-followup-resubmitted-subject = Opfølgning indsendt igen: { $subject }
reminders-followup-resubmitted-text = { $owner } har indsendt opfølgningen på "{ $subject }" ({ $round }) igen, efter at den blev sendt retur. Den venter på gennemgang.
reminders-followup-link = Åbn opfølgningen: { $link }

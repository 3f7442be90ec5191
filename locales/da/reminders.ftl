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

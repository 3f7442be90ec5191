//! Reminders: e-mail to owners when a round opens and 7 days and 1 day before its deadline if they
//! have not submitted, and a summary to the secretariat after the deadline of who is missing.
//! Mails are queued in PostgreSQL (one per dedupe key, so none is queued twice) and delivered by a
//! background worker inside the app: over SMTP when configured, else to the local outbox that
//! administrators read at `/t/{slug}/admin/outbox`. The mails about a follow-up's review
//! (returned, approved, submitted again) are queued in the same transaction as the review itself
//! (`followup_mail`) and delivered by the same worker.

pub mod followup_mail;
pub mod outbox;
mod schedule;
pub(crate) mod send;
pub mod worker;

pub use schedule::enqueue_due;
pub use send::deliver_due;

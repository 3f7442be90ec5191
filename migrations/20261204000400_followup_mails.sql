-- Mail when a follow-up is returned or approved (to its owner) and when it is submitted again
-- after a return (to the secretariat). They go through the same queue as the reminders, each
-- exactly once: the dedupe key names the comment that caused it.
ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_kind_check;
ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_kind_check CHECK (kind IN (
    'round_opened', 'reminder_7_days', 'reminder_1_day', 'missing_summary',
    'followup_returned', 'followup_approved', 'followup_resubmitted'));

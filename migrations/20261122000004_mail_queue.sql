-- Outgoing mail (round opened, reminders, the secretariat's summary), queued in PostgreSQL and
-- sent by the app's background worker. dedupe_key makes every mail unique: none is queued twice.
CREATE TABLE mail_queue (
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               uuid NOT NULL,
    dedupe_key       text NOT NULL CHECK (length(dedupe_key) <= 300),
    kind             text NOT NULL CHECK (kind IN ('round_opened', 'reminder_7_days', 'reminder_1_day', 'missing_summary')),
    to_email         text NOT NULL CHECK (length(to_email) <= 254),
    to_name          text NOT NULL CHECK (length(to_name) <= 200),
    subject          text NOT NULL CHECK (length(subject) <= 300),
    body             text NOT NULL CHECK (length(body) <= 20000),
    status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'outbox', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    last_error       text CHECK (length(last_error) <= 2000),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX mail_queue_due ON mail_queue (tenant_id, next_attempt_at) WHERE status = 'queued';

ALTER TABLE mail_queue ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_queue FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_queue
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_queue TO retning_app;

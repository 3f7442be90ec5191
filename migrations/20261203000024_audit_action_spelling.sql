-- Audit actions in one spelling, "subject.what_happened" (domain::AuditAction): the strategy
-- editor's events were written as bare verbs ("create", "approve") while every other event was
-- "round.created". Events already recorded get the new words, so the audit page shows and filters
-- old and new events alike; the CHECK keeps the one spelling from now on.
--
-- The log is append-only for the application, not for the schema's owner. Row-level security is
-- forced on the table, so the owner lifts it for this one statement to reach every municipality's
-- events, and forces it again.
ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY;
UPDATE audit_events SET action = CASE action
        WHEN 'create' THEN 'item.created'
        WHEN 'update' THEN 'item.updated'
        WHEN 'archive' THEN 'item.archived'
        WHEN 'restore' THEN 'item.restored'
        WHEN 'delete' THEN 'item.deleted'
        WHEN 'reorder' THEN 'item.reordered'
        WHEN 'approve' THEN 'revision.approved'
    END
    WHERE action IN ('create', 'update', 'archive', 'restore', 'delete', 'reorder', 'approve');
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;

ALTER TABLE audit_events
    ADD CONSTRAINT audit_events_action_spelling CHECK (action ~ '^[a-z_]+\.[a-z_]+$');

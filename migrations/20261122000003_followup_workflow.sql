-- The follow-up workflow: the conversation on a follow-up, who filled it in, and locked rounds.

-- Comments on a follow-up: the secretariat's reasons for returning it, notes on approval.
CREATE TABLE followup_comments (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    followup_id  uuid NOT NULL,
    author_id    uuid,
    kind         text NOT NULL CHECK (kind IN ('returned', 'approved', 'submitted', 'comment')),
    text         text CHECK (length(text) <= 5000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, followup_id) REFERENCES followups (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX followup_comments_followup ON followup_comments (tenant_id, followup_id, created_at);

ALTER TABLE followup_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE followup_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON followup_comments
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON followup_comments TO retning_app;

-- Set when the secretariat filled in a follow-up on the owner's behalf.
ALTER TABLE followups ADD COLUMN filled_in_for_owner boolean NOT NULL DEFAULT false;

-- A closed round is locked: nothing in it can change. Deleting a whole round (with its strategy)
-- is still possible: the cascade removes the round first, so its rows are no longer "in a closed round".
CREATE FUNCTION refuse_changes_in_closed_rounds() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    row_tenant uuid;
    row_round uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_tenant := OLD.tenant_id;
    ELSE
        row_tenant := NEW.tenant_id;
    END IF;
    IF TG_TABLE_NAME = 'followups' THEN
        row_round := CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
    ELSE
        SELECT f.round_id INTO row_round FROM followups f
        WHERE f.tenant_id = row_tenant
          AND f.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.followup_id ELSE NEW.followup_id END;
    END IF;
    IF EXISTS (SELECT 1 FROM followup_rounds r WHERE r.tenant_id = row_tenant AND r.id = row_round AND r.state = 'closed') THEN
        RAISE EXCEPTION 'the follow-up round is closed and cannot be changed' USING ERRCODE = 'RT001';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER followups_closed_round_lock BEFORE INSERT OR UPDATE OR DELETE ON followups
    FOR EACH ROW EXECUTE FUNCTION refuse_changes_in_closed_rounds();
CREATE TRIGGER stories_closed_round_lock BEFORE INSERT OR UPDATE OR DELETE ON stories
    FOR EACH ROW EXECUTE FUNCTION refuse_changes_in_closed_rounds();
CREATE TRIGGER followup_comments_closed_round_lock BEFORE INSERT OR UPDATE OR DELETE ON followup_comments
    FOR EACH ROW EXECUTE FUNCTION refuse_changes_in_closed_rounds();

-- A closed round stays closed.
CREATE FUNCTION refuse_reopening_closed_rounds() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'closed' THEN
        RAISE EXCEPTION 'the follow-up round is closed and cannot be changed' USING ERRCODE = 'RT001';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER followup_rounds_stay_closed BEFORE UPDATE ON followup_rounds
    FOR EACH ROW EXECUTE FUNCTION refuse_reopening_closed_rounds();

-- Reopening a closed round (issue 13.3). A closed round and everything in it stay locked
-- (20261122000003); the one way past the lock is reopen_followup_round(), which an administrator's
-- reopen calls with a required reason. The function runs as the schema's owner and marks its own
-- transaction with the round it reopens; the trigger lets a closed round become open only when
-- both hold, so the application role cannot reopen a round by a plain UPDATE, not even after
-- setting the mark itself.
ALTER TABLE followup_rounds
    ADD COLUMN reopened_at timestamptz,
    ADD COLUMN reopen_reason text CHECK (length(reopen_reason) <= 1000);

CREATE OR REPLACE FUNCTION refuse_reopening_closed_rounds() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'closed' THEN
        IF NEW.state = 'open'
           AND current_user <> 'retning_app'
           AND current_setting('retning.reopening_round', true) = OLD.id::text
           AND (NEW.tenant_id, NEW.id, NEW.strategy_id, NEW.position, NEW.label, NEW.period_end, NEW.deadline)
               IS NOT DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.strategy_id, OLD.position, OLD.label, OLD.period_end, OLD.deadline)
        THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the follow-up round is closed and cannot be changed' USING ERRCODE = 'RT001';
    END IF;
    RETURN NEW;
END
$$;

-- Reopens the closed round `p_round` of the transaction's municipality; false when there is no
-- such closed round. The reason is required and kept on the round.
CREATE FUNCTION reopen_followup_round(p_round uuid, p_reason text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    reopened boolean;
BEGIN
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a reason is required to reopen a round' USING ERRCODE = 'RT002';
    END IF;
    PERFORM set_config('retning.reopening_round', p_round::text, true);
    UPDATE followup_rounds
       SET state = 'open', closed_at = NULL, reopened_at = now(), reopen_reason = btrim(p_reason)
     WHERE tenant_id = current_tenant_id() AND id = p_round AND state = 'closed';
    reopened := FOUND;
    PERFORM set_config('retning.reopening_round', '', true);
    RETURN reopened;
END
$$;

REVOKE ALL ON FUNCTION reopen_followup_round(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reopen_followup_round(uuid, text) TO retning_app;

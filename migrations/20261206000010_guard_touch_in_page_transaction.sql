-- Issue 17.2: the once-a-minute write of a session's last-seen time no longer costs the page a
-- COMMIT and a new transaction. The guard leaves the write in the transaction it hands to the page,
-- which commits it with the page (kernel::access). Of several requests of one session at the same
-- moment only one writes: the others skip the row another request holds (SKIP LOCKED) instead of
-- waiting for that request's page to finish.
CREATE OR REPLACE FUNCTION guard_member(p_session bytea, p_idle_cutoff timestamptz, p_slug text)
    RETURNS TABLE (user_id uuid, email text, display_name text, touched boolean,
                   tenant_id uuid, slug text, name text, is_demo boolean, brand_colour text,
                   accessibility_statement_url text, data_version bigint, role member_role)
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    seen timestamptz;
BEGIN
    SELECT u.id, u.email, u.display_name, s.last_seen_at
      INTO user_id, email, display_name, seen
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = p_session AND u.is_active
       AND s.expires_at > now() AND s.last_seen_at > p_idle_cutoff;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    touched := false;
    IF seen < now() - interval '1 minute' THEN
        UPDATE sessions SET last_seen_at = now()
         WHERE id_hash = (SELECT s.id_hash FROM sessions s WHERE s.id_hash = p_session
                            FOR UPDATE SKIP LOCKED);
        touched := FOUND;
    END IF;
    SELECT t.id, t.slug, t.name, t.is_demo, t.brand_colour, t.accessibility_statement_url, t.data_version
      INTO tenant_id, slug, name, is_demo, brand_colour, accessibility_statement_url, data_version
      FROM tenants t WHERE t.slug = p_slug;
    IF FOUND THEN
        PERFORM set_config('retning.tenant_id', tenant_id::text, true);
        SELECT m.role INTO role FROM memberships m
         WHERE m.tenant_id = guard_member.tenant_id AND m.user_id = guard_member.user_id AND m.is_active;
    END IF;
    RETURN NEXT;
END
$$;

-- Issue 17.1: a per-municipality data version, bumped in the same transaction by every write that
-- can change what the steering pages show (dashboard, status pages, meeting pack, strategy tree,
-- API tree), so that an in-process cache of what those pages load can be checked with one indexed
-- read per request and is never stale, whatever wrote: a form, the strategy-file import, an API
-- token, the CLI, another app instance or a person with psql.
--
-- The version lives on the municipality's row (tenants is global: no row-level security between
-- the guard and it), so the guard reads it with the municipality it already looks up.
ALTER TABLE tenants ADD COLUMN data_version bigint NOT NULL DEFAULT 1;

-- Statement-level triggers with transition tables: a bulk import bumps each municipality it
-- touched once per statement (not once per row), and a statement that changed no row bumps
-- nothing. The municipality comes from the rows themselves, not from the transaction's setting,
-- so a write by the schema owner (tests, an operator's psql) bumps too.
CREATE FUNCTION bump_data_version() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE tenants t SET data_version = t.data_version + 1
         WHERE t.id IN (SELECT DISTINCT tenant_id FROM old_rows);
    ELSE
        UPDATE tenants t SET data_version = t.data_version + 1
         WHERE t.id IN (SELECT DISTINCT tenant_id FROM new_rows);
    END IF;
    RETURN NULL;
END
$$;

-- Puts the version triggers on one tenant table. A later migration that adds a table the steering
-- pages read calls this (tests/snapshot_cache.rs fails on a tenant table that has neither the
-- triggers nor a reason in its list of tables the pages do not read).
CREATE FUNCTION track_data_version(p_table regclass) RETURNS void
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER data_version_insert AFTER INSERT ON %s '
                   'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', p_table);
    EXECUTE format('CREATE TRIGGER data_version_update AFTER UPDATE ON %s '
                   'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', p_table);
    EXECUTE format('CREATE TRIGGER data_version_delete AFTER DELETE ON %s '
                   'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', p_table);
END
$$;
REVOKE ALL ON FUNCTION track_data_version(regclass) FROM PUBLIC;

-- Every tenant table except those no steering page reads and that change often: the audit log
-- (every write adds to it), the mail queue, API tokens (their last use is noted) and the review
-- conversation of a follow-up (shown on the follow-up form only, which is not cached).
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND c.relname NOT IN ('audit_events', 'mail_queue', 'api_tokens', 'followup_comments')
    LOOP
        PERFORM track_data_version(t::regclass);
    END LOOP;
END
$$;

-- People's names appear on the pages (owners, authors, directors). users is global and its
-- memberships are hidden by row-level security here, so a change of name bumps every
-- municipality: rare, and never stale. Sign-ins, passwords and locales change nothing shown.
CREATE FUNCTION bump_data_version_on_rename() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE o.display_name IS DISTINCT FROM n.display_name) THEN
        UPDATE tenants SET data_version = data_version + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER data_version_rename AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version_on_rename();

-- Issue 17.2: the guard's checks for a member page in one statement, on the transaction it then
-- hands to the page: the live session and its user, the municipality by slug with its data
-- version, and the user's active role there. It sets the transaction's municipality (the same
-- transaction-local setting db::begin_tenant_tx sets) before reading the membership, which
-- row-level security then shows. Runs as the caller (retning_app): it bypasses nothing.
--
-- A row always comes back when the session is live (tenant and role NULL when the slug is unknown
-- or the user no member); none when it is not. The session's last-seen time is written at most
-- once a minute; `touched` says it was, so the guard can commit that write at once.
CREATE FUNCTION guard_member(p_session bytea, p_idle_cutoff timestamptz, p_slug text)
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
    touched := seen < now() - interval '1 minute';
    IF touched THEN
        UPDATE sessions SET last_seen_at = now() WHERE id_hash = p_session;
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
REVOKE ALL ON FUNCTION guard_member(bytea, timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION guard_member(bytea, timestamptz, text) TO retning_app;

-- The API's token check in one statement (issue 17.2), run on its own: the municipality by slug
-- with its data version, and the token among its live ones (row-level security shows only this
-- municipality's, once the function has set it for the statement's transaction). The token's use
-- is noted at most once a minute. No row: no such municipality; token_id NULL: no such token.
CREATE FUNCTION guard_api_token(p_slug text, p_token bytea)
    RETURNS TABLE (tenant_id uuid, slug text, name text, is_demo boolean, brand_colour text,
                   accessibility_statement_url text, data_version bigint, token_id uuid)
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    used timestamptz;
BEGIN
    SELECT t.id, t.slug, t.name, t.is_demo, t.brand_colour, t.accessibility_statement_url, t.data_version
      INTO tenant_id, slug, name, is_demo, brand_colour, accessibility_statement_url, data_version
      FROM tenants t WHERE t.slug = p_slug;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM set_config('retning.tenant_id', tenant_id::text, true);
    SELECT a.id, a.last_used_at INTO token_id, used FROM api_tokens a
     WHERE a.tenant_id = guard_api_token.tenant_id AND a.token_hash = p_token AND a.revoked_at IS NULL;
    IF token_id IS NOT NULL AND (used IS NULL OR used < now() - interval '1 minute') THEN
        UPDATE api_tokens a SET last_used_at = now()
         WHERE a.tenant_id = guard_api_token.tenant_id AND a.id = guard_api_token.token_id;
    END IF;
    RETURN NEXT;
END
$$;
REVOKE ALL ON FUNCTION guard_api_token(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION guard_api_token(text, bytea) TO retning_app;

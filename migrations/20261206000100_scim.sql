-- Provisioning from the municipality's directory by SCIM 2.0 (issue 15.5).

-- The directory's bearer tokens, one or more per municipality: only the SHA-256 is kept (the token
-- is shown once), as for API tokens; a separate table because the two grant different things.
CREATE TABLE scim_tokens (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash    bytea NOT NULL CHECK (length(token_hash) = 32),
    hint          text NOT NULL CHECK (length(hint) <= 20),
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, created_by) REFERENCES memberships (tenant_id, user_id)
);

-- What the directory says about a member of this municipality (the title goes to the membership),
-- kept here and not on the global account: the account's e-mail and name belong to the person and to every municipality they are
-- in (docs/sso.md, "People in more than one municipality").
CREATE TABLE scim_users (
    tenant_id        uuid NOT NULL,
    user_id          uuid NOT NULL,
    user_name        text NOT NULL CHECK (length(user_name) BETWEEN 1 AND 300),
    external_id      text CHECK (length(external_id) BETWEEN 1 AND 300),
    given_name       text CHECK (length(given_name) <= 300),
    family_name      text CHECK (length(family_name) <= 300),
    formatted_name   text CHECK (length(formatted_name) <= 300),
    display_name     text CHECK (length(display_name) <= 300),
    department       text CHECK (length(department) <= 300),
    -- [{"value", "type", "primary"}], as the directory sent them (bounded by the request size).
    emails           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(emails) = 'array'),
    -- The account was created for this record: only then does the directory's name rename it.
    created_account  boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (tenant_id, lower(user_name));
CREATE UNIQUE INDEX scim_users_external_id ON scim_users (tenant_id, external_id);

-- The directory's groups, and what the administrator maps each to: a role or an org unit.
CREATE TABLE scim_groups (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 300),
    external_id   text CHECK (length(external_id) BETWEEN 1 AND 300),
    role          member_role,
    org_unit_id   uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id)
);
CREATE UNIQUE INDEX scim_groups_display_name ON scim_groups (tenant_id, lower(display_name));
CREATE UNIQUE INDEX scim_groups_external_id ON scim_groups (tenant_id, external_id);

CREATE TABLE scim_group_members (
    tenant_id  uuid NOT NULL,
    group_id   uuid NOT NULL,
    user_id    uuid NOT NULL,
    PRIMARY KEY (tenant_id, group_id, user_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES scim_groups (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX scim_group_members_user ON scim_group_members (tenant_id, user_id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['scim_tokens', 'scim_users', 'scim_groups', 'scim_group_members']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
            'WITH CHECK (tenant_id = current_tenant_id())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO retning_app', t);
    END LOOP;
END
$$;

-- The directory's token check in one statement, as guard_api_token: the municipality by slug, and
-- the token among its live ones under row-level security; its use noted at most once a minute. No
-- row: no such municipality; token_id NULL: no such token (or revoked, or another municipality's).
CREATE FUNCTION guard_scim_token(p_slug text, p_token bytea)
    RETURNS TABLE (tenant_id uuid, slug text, name text, is_demo boolean, brand_colour text,
                   accessibility_statement_url text, token_id uuid, token_name text)
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    used timestamptz;
BEGIN
    SELECT t.id, t.slug, t.name, t.is_demo, t.brand_colour, t.accessibility_statement_url
      INTO tenant_id, slug, name, is_demo, brand_colour, accessibility_statement_url
      FROM tenants t WHERE t.slug = p_slug;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM set_config('retning.tenant_id', tenant_id::text, true);
    SELECT s.id, s.name, s.last_used_at INTO token_id, token_name, used FROM scim_tokens s
     WHERE s.tenant_id = guard_scim_token.tenant_id AND s.token_hash = p_token AND s.revoked_at IS NULL;
    IF token_id IS NOT NULL AND (used IS NULL OR used < now() - interval '1 minute') THEN
        UPDATE scim_tokens s SET last_used_at = now()
         WHERE s.tenant_id = guard_scim_token.tenant_id AND s.id = guard_scim_token.token_id;
    END IF;
    RETURN NEXT;
END
$$;
REVOKE ALL ON FUNCTION guard_scim_token(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION guard_scim_token(text, bytea) TO retning_app;

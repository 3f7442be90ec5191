-- Read-only API tokens for BI tools, and the opt-in public status page.

-- A per-tenant API token. Only the SHA-256 of the token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash    bytea NOT NULL CHECK (length(token_hash) = 32),
    -- The first characters of the token, so that an admin can tell tokens apart.
    hint          text NOT NULL CHECK (length(hint) <= 20),
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, created_by) REFERENCES memberships (tenant_id, user_id)
);

-- The public status page: off until an admin turns it on.
CREATE TABLE public_pages (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    enabled     boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  uuid,
    PRIMARY KEY (tenant_id),
    FOREIGN KEY (tenant_id, updated_by) REFERENCES memberships (tenant_id, user_id)
);

-- The focus areas shown on the public page; any focus area not listed here stays internal.
CREATE TABLE public_focus_areas (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    focus_area_id  uuid NOT NULL,
    PRIMARY KEY (tenant_id, focus_area_id),
    FOREIGN KEY (tenant_id, focus_area_id) REFERENCES focus_areas (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['api_tokens', 'public_pages', 'public_focus_areas']
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

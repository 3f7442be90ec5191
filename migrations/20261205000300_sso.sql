-- Sign-in through the municipality's own OpenID Connect provider (issue 15.1-15.4).

-- One provider per municipality. The client secret is kept here because Retning must send it to
-- the provider's token endpoint (it cannot be hashed like an API token); no page or log ever reads
-- it back (docs/sso.md, "The client secret").
CREATE TABLE sso_providers (
    tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    issuer             text NOT NULL CHECK (issuer ~ '^https?://[^\s]+$' AND length(issuer) <= 500),
    client_id          text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 300),
    client_secret      text NOT NULL CHECK (length(client_secret) BETWEEN 1 AND 1000),
    -- The one signing algorithm accepted for ID tokens; never 'none'.
    signing_alg        text NOT NULL DEFAULT 'RS256'
                       CHECK (signing_alg IN ('RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384')),
    roles_claim        text NOT NULL DEFAULT 'roles' CHECK (length(roles_claim) BETWEEN 1 AND 100),
    -- [[claim value, Retning role], ...] in the administrator's order.
    role_map           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(role_map) = 'array'),
    org_unit_claim     text CHECK (length(org_unit_claim) BETWEEN 1 AND 100),
    jit                boolean NOT NULL DEFAULT false,
    default_role       member_role,
    -- Passwords off for the provider's domains, except for the emergency administrators.
    sso_only           boolean NOT NULL DEFAULT false,
    emergency_admins   text[] NOT NULL DEFAULT '{}',
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id),
    CHECK (NOT jit OR default_role IS NOT NULL)
);

-- The e-mail domains that belong to a municipality's provider. A domain belongs to at most one
-- municipality in the whole installation (the global UNIQUE): /login sends an address there.
CREATE TABLE sso_domains (
    tenant_id  uuid NOT NULL REFERENCES sso_providers (tenant_id) ON DELETE CASCADE,
    domain     text NOT NULL CHECK (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'
                                    AND length(domain) <= 253),
    PRIMARY KEY (tenant_id, domain),
    CONSTRAINT sso_domains_domain_key UNIQUE (domain)
);

-- A person's account at a provider, linked by (municipality, issuer, subject); for Entra ID the
-- subject is "tid/oid", never the e-mail address, which can change.
CREATE TABLE sso_identities (
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    issuer           text NOT NULL CHECK (length(issuer) <= 500),
    subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    user_id          uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, issuer, subject),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX sso_identities_user ON sso_identities (tenant_id, user_id);

-- A sign-in on its way through the provider: single use (deleted when the browser comes back),
-- bound to the browser by the hash of a cookie, and only for ten minutes.
CREATE TABLE sso_pending (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    state_hash     bytea NOT NULL CHECK (length(state_hash) = 32),
    browser_hash   bytea NOT NULL CHECK (length(browser_hash) = 32),
    nonce          text NOT NULL CHECK (length(nonce) <= 200),
    pkce_verifier  text NOT NULL CHECK (length(pkce_verifier) <= 200),
    next           text NOT NULL DEFAULT '' CHECK (length(next) <= 500),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, state_hash)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sso_providers', 'sso_domains', 'sso_identities', 'sso_pending']
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

-- The one question /login asks across municipalities before anyone is signed in: which
-- municipality's provider an e-mail domain belongs to. Domains are routing facts, not secrets, so
-- every row may be read; writing stays limited to the transaction's municipality.
CREATE POLICY domain_lookup ON sso_domains FOR SELECT USING (true);

-- Sign-in: server-side sessions, failed-attempt tracking for rate limiting, one-time links.
-- These tables are global: a user and their sessions span the municipalities they belong to.

-- A session is found by the SHA-256 of the token in the cookie; the token itself is never stored.
CREATE TABLE sessions (
    id_hash       bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    user_agent    text CHECK (length(user_agent) <= 500),
    ip            text CHECK (length(ip) <= 100)
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins, by e-mail address (known or not, so that locking reveals nothing) and by IP.
CREATE TABLE login_failures (
    key  text NOT NULL CHECK (length(key) <= 400),
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TYPE token_purpose AS ENUM ('invite', 'reset');

-- One-time links to set a password: invitations (72 hours) and password resets.
CREATE TABLE user_tokens (
    token_hash          bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose             token_purpose NOT NULL,
    invited_to_tenant   uuid REFERENCES tenants (id) ON DELETE CASCADE,
    created_by          uuid REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz
);
CREATE INDEX user_tokens_user ON user_tokens (user_id);

ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;

GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, login_failures, user_tokens TO retning_app;

-- Audit events may come from the platform operator's CLI with no user.
ALTER TABLE audit_events ADD COLUMN ip text CHECK (length(ip) <= 100);
CREATE INDEX audit_events_action ON audit_events (tenant_id, action, at DESC);

-- A signed-in user may read their own memberships in every municipality: to list them on the
-- front page and to check access. The tenant policy still governs everything else.
CREATE FUNCTION current_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('retning.user_id', true), '')::uuid $$;

CREATE POLICY own_memberships ON memberships FOR SELECT USING (user_id = current_user_id());

-- What a user typed when their session had expired: kept for an hour so that the form can be
-- filled in again after signing in. Found by the SHA-256 of a token in a cookie of that browser.
CREATE TABLE pending_posts (
    token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    path        text NOT NULL CHECK (length(path) <= 500),
    body        text NOT NULL CHECK (length(body) <= 262144),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON pending_posts TO retning_app;

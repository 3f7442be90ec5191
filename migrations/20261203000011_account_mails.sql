-- Credentials belong to the person (issue 11, point 1). Three things:
--
-- 1. account_mails: mail about a person's own account (a link to choose a password, a notice that a
--    municipality added them). Global, like users: it belongs to the person, never to a municipality,
--    so no municipality's outbox page can show it. Without SMTP it waits here, read only by the
--    platform operator (`retning user mails`). The body holds a one-time link in plain text only
--    while the mail waits: it is cleared when SMTP has accepted the mail, when the link expires
--    unsent, and when a newer link replaces it.
-- 2. password_link_requests: the rate limit of "Glemt adgangskode?", by address and by IP. Only
--    SHA-256 hashes of the keys are kept, so typed addresses (also unknown ones) are not stored.
-- 3. memberships that an administrator's invitation created wait for the person to accept them
--    (choosing a password through the mailed link, or "Accept" after signing in with their own
--    account). Until then they give no access and the municipality sees only what it typed, so an
--    invitation tells the inviting administrator nothing about an account that already existed.

CREATE TABLE account_mails (
    id               uuid PRIMARY KEY,
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('invitation', 'password_reset', 'added_to_tenant')),
    to_email         text NOT NULL CHECK (length(to_email) <= 254),
    to_name          text NOT NULL CHECK (length(to_name) <= 200),
    subject          text NOT NULL CHECK (length(subject) <= 300),
    body             text CHECK (length(body) <= 20000),
    status           text NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'sent', 'failed', 'expired', 'superseded')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    last_error       text CHECK (length(last_error) <= 2000),
    -- A link is kept in plain text only while the mail waits to be sent.
    CONSTRAINT account_mails_body_only_while_queued CHECK ((status = 'queued') = (body IS NOT NULL))
);
CREATE INDEX account_mails_due ON account_mails (next_attempt_at) WHERE status = 'queued';
CREATE INDEX account_mails_user ON account_mails (user_id, created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON account_mails TO retning_app;

CREATE TABLE password_link_requests (
    key_hash  bytea NOT NULL CHECK (length(key_hash) = 32),
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_link_requests_key_at ON password_link_requests (key_hash, at);
GRANT SELECT, INSERT, DELETE ON password_link_requests TO retning_app;

-- joined_at: when the person accepted (NULL while the invitation waits or after it was withdrawn or
-- declined). Every membership made another way (operator, strategy file, demo) counts as accepted
-- when it is made, hence the default. pending: the invitation waits for the person's answer.
-- invited_name: the name the administrator typed, which is all the municipality sees until then.
ALTER TABLE memberships
    ADD COLUMN joined_at timestamptz DEFAULT now(),
    ADD COLUMN pending boolean NOT NULL DEFAULT false,
    ADD COLUMN invited_name text CHECK (length(invited_name) BETWEEN 1 AND 200),
    ADD CONSTRAINT memberships_unaccepted_have_a_typed_name CHECK (joined_at IS NOT NULL OR invited_name IS NOT NULL),
    ADD CONSTRAINT memberships_pending_until_accepted CHECK (NOT pending OR joined_at IS NULL);
UPDATE memberships SET joined_at = created_at;

-- Only an accepted membership gives access. Whatever makes a membership active (the operator's
-- `user create`, a strategy file naming the person) thereby accepts it on the person's behalf:
-- those are the operator's own channels. The administrator's pages never activate an unaccepted one.
CREATE FUNCTION memberships_active_means_accepted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.is_active AND NEW.joined_at IS NULL THEN
        NEW.joined_at := now();
        NEW.pending := false;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER memberships_active_means_accepted BEFORE INSERT OR UPDATE ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_active_means_accepted();

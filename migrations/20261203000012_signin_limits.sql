-- Sign-in under load (issue 11).

-- A sign-in attempt is recorded before its password is checked (a reservation under a per-key
-- advisory lock), and given back by its id when the password was right or the server too busy
-- to check it.
ALTER TABLE login_failures ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE login_failures ADD PRIMARY KEY (id);

-- Text posted after a session expired is kept only for the user of that real, recently expired
-- session (a few posts per user, one per form), never for an anonymous request. Rows kept before
-- this rule have no user to give them back to; they would have expired within the hour anyway.
DELETE FROM pending_posts;
ALTER TABLE pending_posts
    ADD COLUMN user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX pending_posts_user_path ON pending_posts (user_id, path);

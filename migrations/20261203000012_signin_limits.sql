-- Sign-in under load (issue 11).

-- A sign-in attempt is recorded before its password is checked (a reservation under a per-key
-- advisory lock), and given back by its id when the password was right or the server too busy
-- to check it.
ALTER TABLE login_failures ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE login_failures ADD PRIMARY KEY (id);

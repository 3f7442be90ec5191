-- The language a user chose for the interface; NULL until they choose (then the browser decides).
ALTER TABLE users ADD COLUMN locale text CHECK (locale IN ('da', 'en'));

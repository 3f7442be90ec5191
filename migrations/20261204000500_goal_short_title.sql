-- A goal's optional short title ("Sygefravær"), used in headings, drop-downs and exports beside
-- the political text, which stays as adopted.
ALTER TABLE goals ADD COLUMN short_title text
    CHECK (short_title IS NULL OR (length(short_title) BETWEEN 1 AND 80 AND short_title !~ '[\r\n]'));

-- A municipality's own colour in the header and on primary buttons; NULL means Retning's colour.
-- Stored in the one canonical form the app writes (lower-case #rrggbb), so the versioned
-- stylesheet URL derived from it is stable. tenants is a platform table: no RLS, and retning_app
-- already has UPDATE on it.
ALTER TABLE tenants
    ADD COLUMN brand_colour text CHECK (brand_colour ~ '^#[0-9a-f]{6}$');

-- The address of the municipality's own accessibility statement (made in the Agency for Digital
-- Government's WAS-Tool, as the web accessibility act asks of the authority). NULL means the
-- footer links to Retning's own statement at /tilgaengelighed. The app stores only absolute
-- https addresses it has parsed; the CHECK keeps anything else out. tenants is a platform table:
-- no RLS, and retning_app already has UPDATE on it.
ALTER TABLE tenants
    ADD COLUMN accessibility_statement_url text
        CHECK (accessibility_statement_url ~ '^https://[^\s]+$' AND length(accessibility_statement_url) <= 2000);

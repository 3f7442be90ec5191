-- A people file (CSV or XLSX) uploaded by an administrator, kept between its preview and
-- "Importér" so that the confirmation needs no second upload (and works without JavaScript).
-- The preview is addressed by the upload's id; the import reads the file again and applies it
-- only if it still means what the preview showed. `applied_at` is set in the import's own
-- transaction (the row is locked first), so a second "Importér" of the same preview — Back and
-- resubmit, a double click — finds it applied and imports nothing; the content is emptied then,
-- so the file's personal data is not kept after use. A person's earlier waiting upload and every
-- upload older than a day are removed by the next upload.
CREATE TABLE people_uploads (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    user_id      uuid NOT NULL,
    file_name    text NOT NULL CHECK (length(file_name) <= 300),
    content      bytea NOT NULL CHECK (length(content) <= 5242880),
    created_at   timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);

ALTER TABLE people_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE people_uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON people_uploads
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON people_uploads TO retning_app;

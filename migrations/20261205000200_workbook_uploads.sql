-- A strategy workbook uploaded for import, kept between its preview and the secretariat's
-- "Importér" so that the confirmation needs no second upload (and works without JavaScript).
-- The import reads the file again and applies it only if it still means what the preview showed.
-- Old uploads are removed when the same person uploads again, and after a day by the next upload.
CREATE TABLE workbook_uploads (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    user_id      uuid NOT NULL,
    file_name    text NOT NULL CHECK (length(file_name) <= 300),
    content      bytea NOT NULL CHECK (length(content) <= 10485760),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);

ALTER TABLE workbook_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE workbook_uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workbook_uploads
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, DELETE ON workbook_uploads TO retning_app;

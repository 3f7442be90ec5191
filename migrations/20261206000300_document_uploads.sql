-- A strategy document (a DOCX, or text pasted from its PDF) read for the Word import, kept between
-- the upload and the secretariat's "Indlæs som kladde": the document's blocks as the reader saw
-- them (so the preview can show the sentence each proposed value came from) and the reader's
-- proposal, both as JSON. Nothing of the strategy is written until the proposal is accepted.
--
-- Any member who may edit the strategy may open a staged document of their municipality (a
-- colleague can finish a preview); another municipality's id is hidden by row-level security.
-- A preview expires after a day (the page then says so and offers to start over); expired rows
-- are removed a week later by the next upload in the municipality. Accepting sets
-- accepted_strategy_id in the same transaction that creates the draft, so a second "accept" (a
-- double click, Back and resubmit) finds it consumed and creates nothing.
CREATE TABLE document_uploads (
    tenant_id             uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                    uuid NOT NULL,
    user_id               uuid NOT NULL,
    -- The uploaded file's name; empty for pasted text.
    file_name             text NOT NULL CHECK (length(file_name) <= 300),
    document              jsonb NOT NULL,
    proposal              jsonb NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    expires_at            timestamptz NOT NULL,
    accepted_strategy_id  uuid,
    accepted_at           timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, accepted_strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    CHECK (expires_at > created_at),
    CHECK ((accepted_strategy_id IS NULL) = (accepted_at IS NULL))
);

CREATE INDEX document_uploads_expiry ON document_uploads (tenant_id, expires_at);

ALTER TABLE document_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON document_uploads
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON document_uploads TO retning_app;

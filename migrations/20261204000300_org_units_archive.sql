-- Org units made and kept in the browser (issue 13, point 4). An administrator archives a unit
-- instead of deleting it: the row stays, so the audit log, approved versions and a later restore
-- can still name it. Archiving moves the people, sub-goals and initiatives placed in the unit to
-- its parent first, so no current placement ever points to an archived unit.
ALTER TABLE org_units ADD COLUMN archived_at timestamptz;

-- The admin page lists a unit's children; the status pages walk the tree.
CREATE INDEX org_units_parent ON org_units (tenant_id, parent_id);

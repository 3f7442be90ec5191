-- Strategy authoring in the browser: optimistic locking for every editable item, the stated
-- direction of a sub-goal (for the SMART "realistic" check), and archiving of the remaining kinds.

-- Every form carries the version it was loaded with; a save that finds another version is a
-- conflict, shown to the user instead of overwriting silently.
ALTER TABLE strategies  ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE focus_areas ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE goals       ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE sub_goals   ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE challenges  ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE clusters    ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE initiatives ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Shared problems and clusters can be retired without losing the links that history refers to.
ALTER TABLE challenges ADD COLUMN archived_at timestamptz;
ALTER TABLE clusters   ADD COLUMN archived_at timestamptz;

-- Whether the measured value should rise or fall towards the target.
CREATE TYPE goal_direction AS ENUM ('increase', 'decrease');
ALTER TABLE sub_goals ADD COLUMN direction goal_direction;
ALTER TABLE sub_goals ADD CONSTRAINT sub_goals_deadline_after_baseline
    CHECK (deadline IS NULL OR baseline_date IS NULL OR deadline >= baseline_date);


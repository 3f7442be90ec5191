-- Retning schema: the whole domain of DESIGN.md.
--
-- Invariants (checked by tests/schema_rules.rs):
--   * every tenant-owned table has tenant_id as the first column of its primary key;
--   * every foreign key of a tenant table includes tenant_id, so a row can never point into another tenant;
--   * row-level security is enabled and forced on every tenant table; the policy reads the tenant from
--     the transaction-local setting retning.tenant_id (see src/db/tenant_tx.rs).

-- The application's own role: neither superuser nor owner of the tables. It is created NOLOGIN here;
-- the app gives it LOGIN and a password at start-up (see src/db/roles.rs).
DO $$
BEGIN
    CREATE ROLE retning_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('retning.tenant_id', true), '')::uuid $$;

-- ---------------------------------------------------------------------------------------------
-- Global tables (not owned by one tenant)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    is_demo     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash  text,
    is_active      boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email)
);

-- ---------------------------------------------------------------------------------------------
-- Organisation
-- ---------------------------------------------------------------------------------------------

CREATE TABLE org_units (
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid NOT NULL,
    key        text NOT NULL,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    kind       text CHECK (length(kind) <= 100),
    parent_id  uuid,
    position   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES org_units (tenant_id, id)
);

CREATE TYPE leadership_level AS ENUM ('direktion', 'chef', 'leder_af_ledere', 'leder_af_medarbejdere');
CREATE TYPE member_role AS ENUM ('admin', 'secretariat', 'steering', 'contributor', 'viewer');

-- A user's membership of one tenant: role, title, place in the organisation.
CREATE TABLE memberships (
    tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id           uuid NOT NULL REFERENCES users (id),
    role              member_role NOT NULL,
    title             text CHECK (length(title) <= 300),
    org_unit_id       uuid,
    leadership_level  leadership_level,
    is_active         boolean NOT NULL DEFAULT true,
    position          integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id)
);

-- ---------------------------------------------------------------------------------------------
-- Strategy content
-- ---------------------------------------------------------------------------------------------

CREATE TYPE strategy_status AS ENUM ('draft', 'active', 'archived');

CREATE TABLE strategies (
    tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                uuid NOT NULL,
    key               text NOT NULL,
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    subtitle          text CHECK (length(subtitle) <= 300),
    introduction      text CHECK (length(introduction) <= 20000),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    status            strategy_status NOT NULL DEFAULT 'draft',
    focus_area_label  text CHECK (length(focus_area_label) <= 100),
    approved_on       date,
    approved_by       text CHECK (length(approved_by) <= 300),
    decision_ref      text CHECK (length(decision_ref) <= 300),
    followup_text     text CHECK (length(followup_text) <= 20000),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key),
    CHECK (period_end >= period_start)
);

-- At most one active strategy per tenant.
CREATE UNIQUE INDEX strategies_one_active ON strategies (tenant_id) WHERE status = 'active';

-- A published, immutable snapshot of a strategy's text and structure.
CREATE TABLE strategy_revisions (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    strategy_id   uuid NOT NULL,
    number        integer NOT NULL CHECK (number > 0),
    approved_on   date NOT NULL,
    approved_by   text NOT NULL CHECK (length(approved_by) BETWEEN 1 AND 300),
    decision_ref  text CHECK (length(decision_ref) <= 300),
    snapshot      jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    uuid,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, number),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES memberships (tenant_id, user_id)
);

CREATE TYPE coordination_mode AS ENUM ('central', 'decentral');

CREATE TABLE focus_areas (
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               uuid NOT NULL,
    strategy_id      uuid NOT NULL,
    key              text NOT NULL,
    position         integer NOT NULL,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    challenges_text  text CHECK (length(challenges_text) <= 10000),
    ambition         text CHECK (length(ambition) <= 10000),
    coordination     coordination_mode NOT NULL,
    director_id      uuid,
    archived_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, key),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, director_id) REFERENCES memberships (tenant_id, user_id)
);

CREATE TABLE goals (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id             uuid NOT NULL,
    strategy_id    uuid NOT NULL,
    focus_area_id  uuid NOT NULL,
    key            text NOT NULL,
    position       integer NOT NULL,
    text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    owner_id       uuid,
    archived_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, key),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, focus_area_id) REFERENCES focus_areas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, owner_id) REFERENCES memberships (tenant_id, user_id)
);

CREATE TABLE sub_goals (
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id              uuid NOT NULL,
    strategy_id     uuid NOT NULL,
    goal_id         uuid NOT NULL,
    key             text NOT NULL,
    position        integer NOT NULL,
    text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    indicator       text CHECK (length(indicator) <= 300),
    unit            text CHECK (length(unit) <= 50),
    baseline_value  double precision,
    baseline_date   date,
    target_value    double precision,
    deadline        date,
    owner_id        uuid,
    org_unit_id     uuid,
    archived_at     timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, key),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, goal_id) REFERENCES goals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, owner_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id),
    CONSTRAINT sub_goals_value_needs_unit
        CHECK ((baseline_value IS NULL AND target_value IS NULL) OR unit IS NOT NULL)
);

-- A shared hard problem ("fælles svært problem").
CREATE TABLE challenges (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    strategy_id  uuid NOT NULL,
    key          text NOT NULL,
    position     integer NOT NULL,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description  text CHECK (length(description) <= 10000),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, key),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE focus_area_challenges (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    focus_area_id  uuid NOT NULL,
    challenge_id   uuid NOT NULL,
    position       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, focus_area_id, challenge_id),
    FOREIGN KEY (tenant_id, focus_area_id) REFERENCES focus_areas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id) ON DELETE CASCADE
);

-- A mission cluster ("missionsklynge").
CREATE TABLE clusters (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    strategy_id  uuid NOT NULL,
    key          text NOT NULL,
    position     integer NOT NULL,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    mission      text CHECK (length(mission) <= 10000),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, key),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE cluster_challenges (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    cluster_id    uuid NOT NULL,
    challenge_id  uuid NOT NULL,
    position      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, cluster_id, challenge_id),
    FOREIGN KEY (tenant_id, cluster_id) REFERENCES clusters (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id) ON DELETE CASCADE
);

CREATE TYPE initiative_lifecycle AS ENUM ('idea', 'active', 'adjusted', 'stopped', 'completed', 'scaled');

-- An initiative or trial action ("prøvehandling").
CREATE TABLE initiatives (
    tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                 uuid NOT NULL,
    strategy_id        uuid NOT NULL,
    key                text NOT NULL,
    position           integer NOT NULL,
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description        text CHECK (length(description) <= 10000),
    hypothesis         text CHECK (length(hypothesis) <= 10000),
    success_criterion  text CHECK (length(success_criterion) <= 10000),
    evaluation_date    date,
    lifecycle          initiative_lifecycle NOT NULL DEFAULT 'idea',
    owner_id           uuid,
    org_unit_id        uuid,
    cluster_id         uuid,
    focus_area_id      uuid,
    archived_at        timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, key),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, owner_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id),
    FOREIGN KEY (tenant_id, cluster_id) REFERENCES clusters (tenant_id, id),
    FOREIGN KEY (tenant_id, focus_area_id) REFERENCES focus_areas (tenant_id, id)
);

CREATE TABLE initiative_challenges (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    initiative_id  uuid NOT NULL,
    challenge_id   uuid NOT NULL,
    position       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, initiative_id, challenge_id),
    FOREIGN KEY (tenant_id, initiative_id) REFERENCES initiatives (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id) ON DELETE CASCADE
);

-- ---------------------------------------------------------------------------------------------
-- Follow-up
-- ---------------------------------------------------------------------------------------------

CREATE TYPE round_state AS ENUM ('planned', 'open', 'closed');

CREATE TABLE followup_rounds (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    strategy_id  uuid NOT NULL,
    position     integer NOT NULL,
    label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    period_end   date NOT NULL,
    deadline     date NOT NULL,
    state        round_state NOT NULL DEFAULT 'planned',
    opened_at    timestamptz,
    closed_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, strategy_id, label),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX followup_rounds_one_open ON followup_rounds (tenant_id, strategy_id) WHERE state = 'open';

CREATE TYPE followup_status AS ENUM ('on_track', 'at_risk', 'off_track', 'done', 'not_started');
CREATE TYPE review_state AS ENUM ('draft', 'submitted', 'returned', 'approved');
CREATE TYPE decision_kind AS ENUM ('continue', 'adjust', 'stop', 'scale', 'note');

CREATE TABLE followups (
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id              uuid NOT NULL,
    round_id        uuid NOT NULL,
    sub_goal_id     uuid,
    initiative_id   uuid,
    owner_id        uuid,
    status          followup_status NOT NULL DEFAULT 'not_started',
    measured_value  double precision,
    narrative       text CHECK (length(narrative) <= 10000),
    next_steps      text CHECK (length(next_steps) <= 10000),
    learned         text CHECK (length(learned) <= 10000),
    proposal        decision_kind CHECK (proposal IS NULL OR proposal <> 'note'),
    review_state    review_state NOT NULL DEFAULT 'draft',
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      uuid,
    submitted_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES followup_rounds (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, sub_goal_id) REFERENCES sub_goals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, initiative_id) REFERENCES initiatives (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, owner_id) REFERENCES memberships (tenant_id, user_id),
    FOREIGN KEY (tenant_id, updated_by) REFERENCES memberships (tenant_id, user_id),
    CONSTRAINT followups_one_subject CHECK ((sub_goal_id IS NULL) <> (initiative_id IS NULL))
);

CREATE UNIQUE INDEX followups_one_per_sub_goal ON followups (tenant_id, round_id, sub_goal_id) WHERE sub_goal_id IS NOT NULL;
CREATE UNIQUE INDEX followups_one_per_initiative ON followups (tenant_id, round_id, initiative_id) WHERE initiative_id IS NOT NULL;
CREATE INDEX followups_sub_goal ON followups (tenant_id, sub_goal_id);
CREATE INDEX followups_initiative ON followups (tenant_id, initiative_id);

-- "Den gode historie", told in a follow-up.
CREATE TABLE stories (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    followup_id  uuid NOT NULL,
    text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    shareable    boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, followup_id),
    FOREIGN KEY (tenant_id, followup_id) REFERENCES followups (tenant_id, id) ON DELETE CASCADE
);

-- What the steering group decided, on which item, in which round.
CREATE TABLE decisions (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id             uuid NOT NULL,
    strategy_id    uuid NOT NULL,
    round_id       uuid,
    position       integer NOT NULL DEFAULT 0,
    sub_goal_id    uuid,
    initiative_id  uuid,
    focus_area_id  uuid,
    kind           decision_kind NOT NULL,
    text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    decided_on     date NOT NULL,
    recorded_by    uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, strategy_id) REFERENCES strategies (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, round_id) REFERENCES followup_rounds (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, sub_goal_id) REFERENCES sub_goals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, initiative_id) REFERENCES initiatives (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, focus_area_id) REFERENCES focus_areas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, recorded_by) REFERENCES memberships (tenant_id, user_id),
    CONSTRAINT decisions_at_most_one_subject CHECK (
        (sub_goal_id IS NOT NULL)::int + (initiative_id IS NOT NULL)::int + (focus_area_id IS NOT NULL)::int <= 1)
);

-- Who did what, when, with before/after. Append-only for the application role.
CREATE TABLE audit_events (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     uuid REFERENCES users (id),
    actor_label  text NOT NULL CHECK (length(actor_label) <= 300),
    action       text NOT NULL CHECK (length(action) <= 100),
    entity       text NOT NULL CHECK (length(entity) <= 100),
    entity_id    uuid,
    summary      text CHECK (length(summary) <= 1000),
    before       jsonb,
    after        jsonb,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX audit_events_at ON audit_events (tenant_id, at DESC);

-- ---------------------------------------------------------------------------------------------
-- Row-level security on every tenant table, and the application role's privileges
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
            'WITH CHECK (tenant_id = current_tenant_id())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO retning_app', t);
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO retning_app;
GRANT SELECT, INSERT, UPDATE ON tenants, users TO retning_app;
-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE ON audit_events FROM retning_app;

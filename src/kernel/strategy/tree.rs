//! The one loader of a strategy's tree: focus areas → goals → sub-goals in a single statement,
//! and, as a page asks for them, the shared hard problems (challenges), the clusters and the
//! initiatives, one statement each. Archived items are left out everywhere.
//!
//! Pages that need less use the same loader with fewer `Parts` (or a projection of its result,
//! e.g. `Tree::sub_goals`), never a query of their own, so the tree, the dashboard, the status
//! pages, the meeting pack, the exports, the API, the approved versions and the public page
//! all read the same strategy the same way. The statement count does not grow with the size of
//! the strategy. A caller that reads a whole large strategy runs `db::plan_for_this_tenant`
//! first (the dashboard, the exports and the API do), so the plan fits this tenant's data.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::{
    CoordinationMode, FollowupStatus, GoalDirection, InitiativeLifecycle, ReviewState,
};

/// Which follow-up each sub-goal and initiative comes with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Followups {
    /// None: the structure only.
    #[default]
    None,
    /// The latest approved one, in any round (the tree's "latest status").
    LatestApproved,
    /// The one of this round, whatever its review state (the exports).
    InRound(Uuid),
}

/// What to load besides focus areas, goals and sub-goals.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts {
    /// Only this focus area and what hangs below it (challenges: those linked to it;
    /// initiatives: those in it).
    pub focus_area: Option<Uuid>,
    pub followups: Followups,
    pub challenges: bool,
    pub clusters: bool,
    pub initiatives: bool,
}

impl Parts {
    /// Focus areas, goals and sub-goals only.
    pub fn structure() -> Self {
        Self::default()
    }

    /// Everything a strategy holds.
    pub fn everything() -> Self {
        Self {
            challenges: true,
            clusters: true,
            initiatives: true,
            ..Self::default()
        }
    }
}

pub struct Tree {
    pub focus_areas: Vec<FocusArea>,
    pub challenges: Vec<Challenge>,
    pub clusters: Vec<Cluster>,
    pub initiatives: Vec<Initiative>,
}

pub struct FocusArea {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub challenges_text: Option<String>,
    pub ambition: Option<String>,
    pub coordination: CoordinationMode,
    pub director: Option<String>,
    pub goals: Vec<Goal>,
}

pub struct Goal {
    pub id: Uuid,
    pub focus_area_id: Uuid,
    pub position: i32,
    pub text: String,
    /// The goal's short title ("Sygefravær"), beside its political text.
    pub short_title: Option<String>,
    pub owner: Option<String>,
    pub sub_goals: Vec<SubGoal>,
}

pub struct SubGoal {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub focus_area_id: Uuid,
    pub position: i32,
    pub text: String,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub direction: Option<GoalDirection>,
    pub deadline: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub owner: Option<String>,
    /// The sub-goal's own org unit.
    pub org_unit_id: Option<Uuid>,
    pub org_unit: Option<String>,
    /// The org unit of the owner's membership (the dashboard counts a sub-goal without a unit
    /// of its own under its owner's).
    pub owner_org_unit_id: Option<Uuid>,
    pub followup: Option<Followup>,
}

/// A sub-goal's or initiative's follow-up, as `Parts::followups` chose it.
pub struct Followup {
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub review_state: ReviewState,
    pub round_label: String,
}

pub struct Challenge {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
}

pub struct Cluster {
    pub id: Uuid,
    pub title: String,
    pub mission: Option<String>,
}

pub struct Initiative {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub description: Option<String>,
    pub lifecycle: InitiativeLifecycle,
    pub focus_area_id: Option<Uuid>,
    /// The focus area's title, also when that area was archived since.
    pub focus_area: Option<String>,
    pub cluster_id: Option<Uuid>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
    pub evaluation_date: Option<NaiveDate>,
    pub followup: Option<Followup>,
}

impl crate::kernel::snapshot_cache::Weigh for Challenge {
    fn weigh(&self) -> usize {
        self.title.weigh() + self.description.weigh()
    }
}

impl Tree {
    /// Every sub-goal in the strategy's order (focus area, goal, sub-goal).
    pub fn sub_goals(&self) -> impl Iterator<Item = &SubGoal> {
        self.focus_areas
            .iter()
            .flat_map(|a| &a.goals)
            .flat_map(|g| &g.sub_goals)
    }

    pub fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.focus_areas.iter().flat_map(|a| &a.goals)
    }
}

/// One row of the tree statement: a sub-goal with its goal and focus area, or a goal without
/// sub-goals, or a focus area without goals.
struct Row {
    area_id: Uuid,
    area_position: i32,
    area_title: String,
    challenges_text: Option<String>,
    ambition: Option<String>,
    coordination: CoordinationMode,
    director: Option<String>,
    goal_id: Option<Uuid>,
    goal_position: Option<i32>,
    goal_text: Option<String>,
    goal_short_title: Option<String>,
    goal_owner: Option<String>,
    id: Option<Uuid>,
    position: Option<i32>,
    text: Option<String>,
    indicator: Option<String>,
    unit: Option<String>,
    baseline_value: Option<f64>,
    baseline_date: Option<NaiveDate>,
    target_value: Option<f64>,
    direction: Option<GoalDirection>,
    deadline: Option<NaiveDate>,
    owner_id: Option<Uuid>,
    owner: Option<String>,
    org_unit_id: Option<Uuid>,
    org_unit: Option<String>,
    owner_org_unit_id: Option<Uuid>,
    status: Option<FollowupStatus>,
    measured_value: Option<f64>,
    narrative: Option<String>,
    next_steps: Option<String>,
    review_state: Option<ReviewState>,
    round_label: Option<String>,
}

struct InitiativeRow {
    id: Uuid,
    position: i32,
    title: String,
    description: Option<String>,
    lifecycle: InitiativeLifecycle,
    focus_area_id: Option<Uuid>,
    focus_area: Option<String>,
    cluster_id: Option<Uuid>,
    owner: Option<String>,
    org_unit: Option<String>,
    evaluation_date: Option<NaiveDate>,
    status: Option<FollowupStatus>,
    measured_value: Option<f64>,
    narrative: Option<String>,
    next_steps: Option<String>,
    review_state: Option<ReviewState>,
    round_label: Option<String>,
}

fn followup(
    status: Option<FollowupStatus>,
    measured_value: Option<f64>,
    narrative: Option<String>,
    next_steps: Option<String>,
    review_state: Option<ReviewState>,
    round_label: Option<String>,
) -> Option<Followup> {
    Some(Followup {
        status: status?,
        measured_value,
        narrative,
        next_steps,
        review_state: review_state?,
        round_label: round_label?,
    })
}

/// Loads the tree of `strategy` (found with `current::current` or by an explicit id): one
/// statement for focus areas, goals and sub-goals, and one for each of the other `parts` asked.
pub async fn load(tx: &mut TenantTx, strategy: Uuid, parts: Parts) -> sqlx::Result<Tree> {
    let tenant = tx.tenant_id();
    load_on(tx, tenant, strategy, parts).await
}

/// `load` on a connection that is not a `TenantTx`: the strategy-file import captures the first
/// approved version inside its own transaction, set to `tenant`.
pub async fn load_on(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    parts: Parts,
) -> sqlx::Result<Tree> {
    let (round, latest) = match parts.followups {
        Followups::None => (None, false),
        Followups::LatestApproved => (None, true),
        Followups::InRound(id) => (Some(id), false),
    };
    // The follow-up's lateral join is switched off by a condition on the parameters alone, which
    // PostgreSQL checks once instead of looking up follow-ups for every sub-goal.
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT fa.id as area_id, fa.position as area_position, fa.title as area_title, fa.challenges_text,
                  fa.ambition, fa.coordination as "coordination: CoordinationMode", d.display_name as "director?",
                  g.id as "goal_id?", g.position as "goal_position?", g.text as "goal_text?", g.short_title as "goal_short_title?",
                  go.display_name as "goal_owner?",
                  s.id as "id?", s.position as "position?", s.text as "text?", s.indicator as "indicator?",
                  s.unit as "unit?", s.baseline_value as "baseline_value?", s.baseline_date as "baseline_date?",
                  s.target_value as "target_value?", s.direction as "direction?: GoalDirection",
                  s.deadline as "deadline?", s.owner_id as "owner_id?", u.display_name as "owner?",
                  s.org_unit_id as "org_unit_id?", o.name as "org_unit?", m.org_unit_id as "owner_org_unit_id?",
                  fu.status as "status?: FollowupStatus", fu.measured_value as "measured_value?",
                  fu.narrative as "narrative?", fu.next_steps as "next_steps?",
                  fu.review_state as "review_state?: ReviewState", fu.label as "round_label?"
           FROM focus_areas fa
           LEFT JOIN users d ON d.id = fa.director_id
           LEFT JOIN goals g ON g.tenant_id = fa.tenant_id AND g.focus_area_id = fa.id AND g.archived_at IS NULL
           LEFT JOIN users go ON go.id = g.owner_id
           LEFT JOIN sub_goals s ON s.tenant_id = g.tenant_id AND s.goal_id = g.id AND s.archived_at IS NULL
           LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           LEFT JOIN LATERAL (
               SELECT f.status, f.measured_value, f.narrative, f.next_steps, f.review_state, r.label
               FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
               WHERE ($4::uuid IS NOT NULL OR $5::bool)
                 AND f.tenant_id = s.tenant_id AND f.sub_goal_id = s.id
                 AND (f.round_id = $4 OR ($4 IS NULL AND f.review_state = 'approved'))
               ORDER BY r.position DESC LIMIT 1
           ) fu ON true
           WHERE fa.tenant_id = $1 AND fa.strategy_id = $2 AND fa.archived_at IS NULL
             AND ($3::uuid IS NULL OR fa.id = $3)
           ORDER BY fa.position, fa.id, g.position, g.id, s.position, s.id"#,
        tenant,
        strategy,
        parts.focus_area,
        round,
        latest
    )
    .fetch_all(&mut *conn)
    .await?;

    let mut focus_areas: Vec<FocusArea> = Vec::new();
    for r in rows {
        // Rows come sorted, so a new area or goal starts where the id changes.
        if focus_areas.last().is_none_or(|a| a.id != r.area_id) {
            focus_areas.push(FocusArea {
                id: r.area_id,
                position: r.area_position,
                title: r.area_title,
                challenges_text: r.challenges_text,
                ambition: r.ambition,
                coordination: r.coordination,
                director: r.director,
                goals: Vec::new(),
            });
        }
        let area = focus_areas.last_mut().expect("pushed above");
        let (Some(goal_id), Some(goal_position), Some(goal_text)) =
            (r.goal_id, r.goal_position, r.goal_text)
        else {
            continue;
        };
        if area.goals.last().is_none_or(|g| g.id != goal_id) {
            area.goals.push(Goal {
                id: goal_id,
                focus_area_id: area.id,
                position: goal_position,
                text: goal_text,
                short_title: r.goal_short_title,
                owner: r.goal_owner,
                sub_goals: Vec::new(),
            });
        }
        let goal = area.goals.last_mut().expect("pushed above");
        let (Some(id), Some(position), Some(text)) = (r.id, r.position, r.text) else {
            continue;
        };
        goal.sub_goals.push(SubGoal {
            id,
            goal_id,
            focus_area_id: r.area_id,
            position,
            text,
            indicator: r.indicator,
            unit: r.unit,
            baseline_value: r.baseline_value,
            baseline_date: r.baseline_date,
            target_value: r.target_value,
            direction: r.direction,
            deadline: r.deadline,
            owner_id: r.owner_id,
            owner: r.owner,
            org_unit_id: r.org_unit_id,
            org_unit: r.org_unit,
            owner_org_unit_id: r.owner_org_unit_id,
            followup: followup(
                r.status,
                r.measured_value,
                r.narrative,
                r.next_steps,
                r.review_state,
                r.round_label,
            ),
        });
    }

    let challenges = if parts.challenges {
        sqlx::query_as!(
            Challenge,
            r#"SELECT c.id, c.title, c.description FROM challenges c
               WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NULL
                 AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM focus_area_challenges fc
                      WHERE fc.tenant_id = c.tenant_id AND fc.challenge_id = c.id AND fc.focus_area_id = $3))
               ORDER BY c.position"#,
            tenant,
            strategy,
            parts.focus_area
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        Vec::new()
    };
    let clusters = if parts.clusters {
        sqlx::query_as!(
            Cluster,
            "SELECT id, title, mission FROM clusters
             WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position",
            tenant,
            strategy
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        Vec::new()
    };
    let initiatives = if parts.initiatives {
        sqlx::query_as!(
            InitiativeRow,
            r#"SELECT i.id, i.position, i.title, i.description, i.lifecycle as "lifecycle: InitiativeLifecycle",
                      i.focus_area_id, fa.title as "focus_area?", i.cluster_id, u.display_name as "owner?",
                      o.name as "org_unit?", i.evaluation_date,
                      f.status as "status?: FollowupStatus", f.measured_value as "measured_value?",
                      f.narrative as "narrative?", f.next_steps as "next_steps?",
                      f.review_state as "review_state?: ReviewState", r.label as "round_label?"
               FROM initiatives i
               LEFT JOIN focus_areas fa ON fa.tenant_id = i.tenant_id AND fa.id = i.focus_area_id
               LEFT JOIN users u ON u.id = i.owner_id
               LEFT JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.org_unit_id
               LEFT JOIN followups f ON f.tenant_id = i.tenant_id AND f.initiative_id = i.id AND f.round_id = $4
               LEFT JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
               WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
                 AND ($3::uuid IS NULL OR i.focus_area_id = $3)
               ORDER BY i.position, i.id"#,
            tenant,
            strategy,
            parts.focus_area,
            round
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| Initiative {
            id: r.id,
            position: r.position,
            title: r.title,
            description: r.description,
            lifecycle: r.lifecycle,
            focus_area_id: r.focus_area_id,
            focus_area: r.focus_area,
            cluster_id: r.cluster_id,
            owner: r.owner,
            org_unit: r.org_unit,
            evaluation_date: r.evaluation_date,
            followup: followup(
                r.status,
                r.measured_value,
                r.narrative,
                r.next_steps,
                r.review_state,
                r.round_label,
            ),
        })
        .collect()
    } else {
        Vec::new()
    };
    Ok(Tree {
        focus_areas,
        challenges,
        clusters,
        initiatives,
    })
}

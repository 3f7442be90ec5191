//! The editing overview: the whole strategy as an outline with an edit, move and delete control
//! on every item, and what has been archived.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use uuid::Uuid;

use super::challenges::Challenges;
use super::clusters::Clusters;
use super::context::{self, EditedStrategy};
use super::editor::Editable;
use super::focus_areas::FocusAreas;
use super::goals::Goals;
use super::initiatives::Initiatives;
use super::structure::Structure;
use super::sub_goals::SubGoals;
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::GoalDirection;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::strategy::smart::{self, SmartInput};
use crate::web::{AppResult, format};

struct SubGoalItem {
    id: Uuid,
    text: String,
    owner: Option<String>,
    gaps: Vec<String>,
    place: Place,
}

struct GoalItem {
    id: Uuid,
    text: String,
    owner: Option<String>,
    sub_goals: Vec<SubGoalItem>,
    place: Place,
}

struct FocusAreaItem {
    id: Uuid,
    title: String,
    coordination: String,
    director: Option<String>,
    goals: Vec<GoalItem>,
    place: Place,
}

/// A shared problem, mission cluster or initiative in the lists below the outline.
struct ListItem {
    id: Uuid,
    title: String,
    meta: Option<String>,
    place: Place,
}

/// Where an item stands among its siblings: the first cannot move up, the last cannot move down;
/// and what the in-place editor announces once it has moved there ("Målet «Sygefravær» er
/// flyttet op, nu nr. 2 af 5."). The page is drawn afresh after every move, so the item's
/// place on the new page is where it moved to.
#[derive(Default)]
struct Place {
    first: bool,
    last: bool,
    moved_up: String,
    moved_down: String,
}

struct ArchivedItem {
    kind: String,
    path: &'static str,
    id: Uuid,
    title: String,
    archived_at: String,
}

#[derive(Template)]
#[template(path = "authoring/workspace.html")]
struct WorkspacePage {
    chrome: Chrome,
    slug: String,
    strategy: Option<StrategyHead>,
    focus_areas: Vec<FocusAreaItem>,
    challenges: Vec<ListItem>,
    clusters: Vec<ListItem>,
    initiatives: Vec<ListItem>,
    archived: Vec<ArchivedItem>,
    smart_count: usize,
    sub_goal_count: usize,
    /// "Kom i gang", at the top of the page (home::checklist).
    checklist: Option<crate::home::checklist::Checklist>,
}

struct StrategyHead {
    title: String,
    period: String,
    versions: i64,
    latest_version: Option<String>,
    /// The strategy's own word for a focus area, inside a sentence ("Nyt spor").
    area_term: String,
}

pub async fn page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let Some(strategy) = context::strategy(&mut tx, tenant).await? else {
        let checklist = crate::home::checklist::load(&mut tx, &member, None).await?;
        tx.commit().await?;
        let page = WorkspacePage {
            chrome: Chrome::member(crate::t("authoring-edit-strategy"), &member),
            slug: member.tenant.slug.clone(),
            strategy: None,
            focus_areas: Vec::new(),
            challenges: Vec::new(),
            clusters: Vec::new(),
            initiatives: Vec::new(),
            archived: Vec::new(),
            smart_count: 0,
            sub_goal_count: 0,
            checklist,
        };
        return Ok(render(&page));
    };
    let outline = outline(&mut tx, &strategy).await?;
    let (challenges, clusters, initiatives) = lists(&mut tx, strategy.id).await?;
    let archived = archived(&mut tx, strategy.id).await?;
    let versions = sqlx::query!(
        r#"SELECT count(*) as "count!", max(approved_on) as latest FROM strategy_revisions
           WHERE tenant_id = $1 AND strategy_id = $2"#,
        tenant,
        strategy.id
    )
    .fetch_one(&mut *tx)
    .await?;
    let checklist = crate::home::checklist::load(&mut tx, &member, Some(strategy.id)).await?;
    tx.commit().await?;
    let sub_goal_count = outline
        .iter()
        .flat_map(|f| f.goals.iter())
        .map(|g| g.sub_goals.len())
        .sum();
    let smart_count = outline
        .iter()
        .flat_map(|f| f.goals.iter())
        .flat_map(|g| g.sub_goals.iter())
        .filter(|s| s.gaps.is_empty())
        .count();
    let page = WorkspacePage {
        chrome: Chrome::member(
            crate::t1("authoring-edit-named", "name", &strategy.title),
            &member,
        ),
        slug: member.tenant.slug.clone(),
        strategy: Some(StrategyHead {
            period: format!(
                "{} – {}",
                format::date_long(strategy.period_start),
                format::date_long(strategy.period_end)
            ),
            area_term: strategy.focus_area_term(),
            title: strategy.title,
            versions: versions.count,
            latest_version: versions.latest.map(format::date_long),
        }),
        focus_areas: outline,
        challenges,
        clusters,
        initiatives,
        archived,
        smart_count,
        sub_goal_count,
        checklist,
    };
    Ok(render(&page))
}

/// Three statements whatever the size of the strategy.
async fn outline(tx: &mut TenantTx, strategy: &EditedStrategy) -> sqlx::Result<Vec<FocusAreaItem>> {
    let areas = sqlx::query!(
        r#"SELECT f.id, f.title, f.coordination as "coordination: crate::domain::CoordinationMode",
                  u.display_name as "director?"
           FROM focus_areas f LEFT JOIN users u ON u.id = f.director_id
           WHERE f.tenant_id = $1 AND f.strategy_id = $2 AND f.archived_at IS NULL ORDER BY f.position"#,
        tx.tenant_id(),
        strategy.id
    )
    .fetch_all(&mut **tx)
    .await?;
    let goals = sqlx::query!(
        r#"SELECT g.id, g.focus_area_id, g.text, u.display_name as "owner?"
           FROM goals g LEFT JOIN users u ON u.id = g.owner_id
           WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.archived_at IS NULL ORDER BY g.position"#,
        tx.tenant_id(),
        strategy.id
    )
    .fetch_all(&mut **tx)
    .await?;
    let subs = sqlx::query!(
        r#"SELECT s.id, s.goal_id, s.text, s.indicator, s.unit, s.baseline_value, s.target_value,
                  s.direction as "direction: GoalDirection", s.deadline, s.owner_id, u.display_name as "owner?"
           FROM sub_goals s LEFT JOIN users u ON u.id = s.owner_id
           WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.archived_at IS NULL ORDER BY s.position"#,
        tx.tenant_id(),
        strategy.id
    )
    .fetch_all(&mut **tx)
    .await?;
    let period = (strategy.period_start, strategy.period_end);
    // Children grouped by parent once, so building the outline is linear in its size.
    let mut subs_by_goal: HashMap<Uuid, Vec<SubGoalItem>> = HashMap::new();
    for s in subs {
        let gaps = smart::check(&SmartInput {
            text: &s.text,
            indicator: s.indicator.as_deref(),
            unit: s.unit.as_deref(),
            baseline_value: s.baseline_value,
            target_value: s.target_value,
            direction: s.direction,
            has_owner: s.owner_id.is_some(),
            deadline: s.deadline,
            period,
        })
        .gaps
        .into_iter()
        .map(|g| g.message.clone())
        .collect();
        subs_by_goal
            .entry(s.goal_id)
            .or_default()
            .push(SubGoalItem {
                id: s.id,
                text: s.text,
                owner: s.owner,
                gaps,
                place: Place::default(),
            });
    }
    let mut goals_by_area: HashMap<Uuid, Vec<GoalItem>> = HashMap::new();
    for g in goals {
        goals_by_area
            .entry(g.focus_area_id)
            .or_default()
            .push(GoalItem {
                sub_goals: subs_by_goal.remove(&g.id).unwrap_or_default(),
                id: g.id,
                text: g.text,
                owner: g.owner,
                place: Place::default(),
            });
    }
    let mut out: Vec<FocusAreaItem> = areas
        .into_iter()
        .map(|a| FocusAreaItem {
            goals: goals_by_area.remove(&a.id).unwrap_or_default(),
            id: a.id,
            title: a.title,
            coordination: a.coordination.label(),
            director: a.director,
            place: Place::default(),
        })
        .collect();
    mark_places(&mut out, FocusAreas::ENTITY, |a| (&a.title, &mut a.place));
    for area in &mut out {
        mark_places(&mut area.goals, Goals::ENTITY, |g| (&g.text, &mut g.place));
        for goal in &mut area.goals {
            mark_places(&mut goal.sub_goals, SubGoals::ENTITY, |s| {
                (&s.text, &mut s.place)
            });
        }
    }
    Ok(out)
}

/// Shared problems (with the focus areas they cut across), clusters and initiatives: three statements.
async fn lists(
    tx: &mut TenantTx,
    strategy: Uuid,
) -> sqlx::Result<(Vec<ListItem>, Vec<ListItem>, Vec<ListItem>)> {
    let challenges = sqlx::query!(
        r#"SELECT c.id, c.title, string_agg(f.title, ', ' ORDER BY f.position) as areas
           FROM challenges c
           LEFT JOIN focus_area_challenges l ON l.tenant_id = c.tenant_id AND l.challenge_id = c.id
           LEFT JOIN focus_areas f ON f.tenant_id = l.tenant_id AND f.id = l.focus_area_id AND f.archived_at IS NULL
           WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NULL
           GROUP BY c.tenant_id, c.id ORDER BY c.position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await?;
    let clusters = sqlx::query!(
        r#"SELECT c.id, c.title, count(l.challenge_id) as "problems!"
           FROM clusters c
           LEFT JOIN cluster_challenges l ON l.tenant_id = c.tenant_id AND l.cluster_id = c.id
           WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NULL
           GROUP BY c.tenant_id, c.id ORDER BY c.position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await?;
    let initiatives = sqlx::query!(
        r#"SELECT i.id, i.title, i.lifecycle as "lifecycle: crate::domain::InitiativeLifecycle",
                  u.display_name as "owner?"
           FROM initiatives i LEFT JOIN users u ON u.id = i.owner_id
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL ORDER BY i.position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await?;
    let item = |id, title, meta| ListItem {
        id,
        title,
        meta,
        place: Place::default(),
    };
    let mut challenges: Vec<ListItem> = challenges
        .into_iter()
        .map(|c| {
            let areas = c
                .areas
                .map(|a| crate::t1("authoring-workspace-list-areas", "areas", a));
            item(c.id, c.title, areas)
        })
        .collect();
    let mut clusters: Vec<ListItem> = clusters
        .into_iter()
        .map(|c| {
            item(
                c.id,
                c.title,
                Some(crate::t1(
                    "authoring-workspace-list-problems",
                    "count",
                    c.problems,
                )),
            )
        })
        .collect();
    let mut initiatives: Vec<ListItem> = initiatives
        .into_iter()
        .map(|i| {
            let meta = match i.owner {
                Some(o) => format!(
                    "{} · {}",
                    i.lifecycle.label(),
                    crate::t1("authoring-owner-named", "name", o)
                ),
                None => i.lifecycle.label().to_string(),
            };
            item(i.id, i.title, Some(meta))
        })
        .collect();
    for (list, kind) in [
        (&mut challenges, Challenges::ENTITY),
        (&mut clusters, Clusters::ENTITY),
        (&mut initiatives, Initiatives::ENTITY),
    ] {
        mark_places(list, kind, |i| (&i.title, &mut i.place));
    }
    Ok((challenges, clusters, initiatives))
}

/// Each item's `Place` among its siblings; `kind` is the entity name (`Goals::ENTITY`, …),
/// which the announcement's wording selects on.
fn mark_places<T>(items: &mut [T], kind: &str, parts: impl Fn(&mut T) -> (&str, &mut Place)) {
    let n = items.len();
    for (i, item) in items.iter_mut().enumerate() {
        let (title, place) = parts(item);
        let title = format::shorten(title, 80);
        let moved = |direction| {
            crate::i18n::t5(
                "authoring-workspace-moved",
                ("kind", kind),
                ("title", &title),
                ("direction", direction),
                ("position", &(i + 1).to_string()),
                ("count", &n.to_string()),
            )
        };
        *place = Place {
            first: i == 0,
            last: i + 1 == n,
            moved_up: moved("up"),
            moved_down: moved("down"),
        };
    }
}

/// The archived items whose parent is still in the strategy (those are the ones that can be restored).
async fn archived(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<ArchivedItem>> {
    let rows = sqlx::query!(
        r#"SELECT kind as "kind!", id as "id!", title as "title!", archived_at as "archived_at!" FROM (
               SELECT $3::text as kind, f.id, f.title, f.archived_at FROM focus_areas f
               WHERE f.tenant_id = $1 AND f.strategy_id = $2 AND f.archived_at IS NOT NULL
               UNION ALL
               SELECT $4, g.id, g.text, g.archived_at FROM goals g
               JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
               WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.archived_at IS NOT NULL AND f.archived_at IS NULL
               UNION ALL
               SELECT $5, s.id, s.text, s.archived_at FROM sub_goals s
               JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
               WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.archived_at IS NOT NULL AND g.archived_at IS NULL
               UNION ALL
               SELECT $6, c.id, c.title, c.archived_at FROM challenges c
               WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NOT NULL
               UNION ALL
               SELECT $7, c.id, c.title, c.archived_at FROM clusters c
               WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NOT NULL
               UNION ALL
               SELECT $8, i.id, i.title, i.archived_at FROM initiatives i
               WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NOT NULL
           ) a ORDER BY archived_at DESC"#,
        tx.tenant_id(),
        strategy,
        FocusAreas::ENTITY,
        Goals::ENTITY,
        SubGoals::ENTITY,
        Challenges::ENTITY,
        Clusters::ENTITY,
        Initiatives::ENTITY
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let (kind, path) = archived_kind(&r.kind)?;
            Some(ArchivedItem {
                kind,
                path,
                id: r.id,
                title: super::choices::shorten(&r.title, 160),
                archived_at: format::datetime(r.archived_at),
            })
        })
        .collect())
}

/// An archived row's tag and path, by the entity name the statement gave it (each kind's
/// `ENTITY`): the one place where a kind named at run time becomes its type.
fn archived_kind(entity: &str) -> Option<(String, &'static str)> {
    fn of<K: Structure>() -> (String, &'static str) {
        (K::tag(), K::PATH)
    }
    match entity {
        FocusAreas::ENTITY => Some(of::<FocusAreas>()),
        Goals::ENTITY => Some(of::<Goals>()),
        SubGoals::ENTITY => Some(of::<SubGoals>()),
        Challenges::ENTITY => Some(of::<Challenges>()),
        Clusters::ENTITY => Some(of::<Clusters>()),
        Initiatives::ENTITY => Some(of::<Initiatives>()),
        _ => None,
    }
}

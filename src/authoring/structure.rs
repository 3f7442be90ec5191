//! Reordering, deleting and restoring focus areas, goals and sub-goals. Deleting something that has
//! follow-up history (a follow-up someone wrote in, or a decision) archives it instead: it leaves
//! the strategy, but every follow-up and decision stays readable, and it can be restored.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::choices;
use super::context;
use super::portfolio;
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    FocusArea,
    Goal,
    SubGoal,
    Challenge,
    Cluster,
    Initiative,
}

impl Kind {
    fn entity(self) -> &'static str {
        match self {
            Kind::FocusArea => "focus_area",
            Kind::Goal => "goal",
            Kind::SubGoal => "sub_goal",
            Kind::Challenge => "challenge",
            Kind::Cluster => "cluster",
            Kind::Initiative => "initiative",
        }
    }

    /// "the focus area", "the goal", "the sub-goal"
    fn the(self) -> String {
        match self {
            Kind::FocusArea => crate::t("authoring-the-focus-area"),
            Kind::Goal => crate::t("authoring-the-goal"),
            Kind::SubGoal => crate::t("authoring-the-sub-goal"),
            Kind::Challenge => crate::t("authoring-the-challenge"),
            Kind::Cluster => crate::t("authoring-the-cluster"),
            Kind::Initiative => crate::t("authoring-the-initiative"),
        }
    }

    fn anchor(self, id: Uuid) -> String {
        format!("{}-{id}", self.entity())
    }

    fn path(self) -> &'static str {
        match self {
            Kind::FocusArea => "focus-areas",
            Kind::Goal => "goals",
            Kind::SubGoal => "sub-goals",
            Kind::Challenge => "challenges",
            Kind::Cluster => "clusters",
            Kind::Initiative => "initiatives",
        }
    }
}

/// Lets one generic handler serve each kind's route.
pub trait OfKind {
    const KIND: Kind;
}
impl OfKind for super::focus_areas::FocusAreas {
    const KIND: Kind = Kind::FocusArea;
}
impl OfKind for super::goals::Goals {
    const KIND: Kind = Kind::Goal;
}
impl OfKind for super::sub_goals::SubGoals {
    const KIND: Kind = Kind::SubGoal;
}
impl OfKind for super::challenges::Challenges {
    const KIND: Kind = Kind::Challenge;
}
impl OfKind for super::clusters::Clusters {
    const KIND: Kind = Kind::Cluster;
}
impl OfKind for super::initiatives::Initiatives {
    const KIND: Kind = Kind::Initiative;
}

/// The item's title, if it exists (archived or not) in this tenant.
async fn title(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
) -> sqlx::Result<Option<(String, bool)>> {
    let row = match kind {
        Kind::FocusArea => sqlx::query!(
            r#"SELECT title as "title!", archived_at IS NOT NULL as "archived!" FROM focus_areas WHERE tenant_id = $1 AND id = $2"#,
            tenant, id
        ).fetch_optional(conn).await?.map(|r| (r.title, r.archived)),
        Kind::Goal => sqlx::query!(
            r#"SELECT text as "title!", archived_at IS NOT NULL as "archived!" FROM goals WHERE tenant_id = $1 AND id = $2"#,
            tenant, id
        ).fetch_optional(conn).await?.map(|r| (r.title, r.archived)),
        Kind::SubGoal => sqlx::query!(
            r#"SELECT text as "title!", archived_at IS NOT NULL as "archived!" FROM sub_goals WHERE tenant_id = $1 AND id = $2"#,
            tenant, id
        ).fetch_optional(conn).await?.map(|r| (r.title, r.archived)),
        Kind::Challenge | Kind::Cluster | Kind::Initiative => portfolio::title(conn, tenant, kind, id).await?,
    };
    Ok(row)
}

/// How many follow-ups with content and decisions hang on the item (and what it contains).
async fn history(conn: &mut PgConnection, tenant: Uuid, kind: Kind, id: Uuid) -> sqlx::Result<i64> {
    if matches!(kind, Kind::Challenge | Kind::Cluster | Kind::Initiative) {
        return portfolio::history(conn, tenant, kind, id).await;
    }
    // The sub-goals the item covers, then their written follow-ups and decisions. Untouched drafts
    // that a round created automatically are not history.
    let count = sqlx::query_scalar!(
        r#"WITH covered AS (
               SELECT s.id FROM sub_goals s JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
               WHERE s.tenant_id = $1
                 AND (($2 = 'sub_goal' AND s.id = $3) OR ($2 = 'goal' AND g.id = $3)
                      OR ($2 = 'focus_area' AND g.focus_area_id = $3)))
           SELECT (SELECT count(*) FROM followups f
                   WHERE f.tenant_id = $1 AND f.sub_goal_id IN (SELECT id FROM covered)
                     AND (f.version > 1 OR f.review_state <> 'draft'))
                + (SELECT count(*) FROM decisions d
                   WHERE d.tenant_id = $1 AND (d.sub_goal_id IN (SELECT id FROM covered)
                         OR ($2 = 'focus_area' AND d.focus_area_id = $3)))
                + (SELECT count(*) FROM initiatives i
                   WHERE i.tenant_id = $1 AND $2 = 'focus_area' AND i.focus_area_id = $3) as "count!""#,
        tenant,
        kind.entity(),
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(count)
}

#[derive(Template)]
#[template(path = "authoring/delete.html")]
struct DeletePage {
    chrome: Chrome,
    slug: String,
    the: String,
    title: String,
    history: i64,
    action: String,
}

pub async fn confirm<K: OfKind>(
    State(state): State<AppState>,
    member: Member,
    Path((_, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    let kind = K::KIND;
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let (title, archived) = title(&mut tx, tenant, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if archived {
        return Err(AppError::NotFound);
    }
    let history = history(&mut tx, tenant, kind, id).await?;
    tx.commit().await?;
    let slug = member.tenant.slug.clone();
    let page = DeletePage {
        chrome: Chrome::member(
            crate::t1("authoring-delete-named", "the", kind.the()),
            &member,
        ),
        action: format!("/t/{slug}/edit/{}/{id}/delete", kind.path()),
        slug,
        the: kind.the(),
        title: choices::shorten(&title, 200),
        history,
    };
    Ok(render(&page))
}

pub async fn delete<K: OfKind>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Path((_, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    let kind = K::KIND;
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let Some((title, archived)) = title(&mut tx, tenant, kind, id).await? else {
        // Deleted already (a second click) is done; an id this municipality never had is not found.
        return if deleted_before(&mut tx, tenant, id).await? {
            Ok(Redirect::to(&context::workspace(&slug, "")).into_response())
        } else {
            Err(AppError::NotFound)
        };
    };
    if archived {
        return Ok(Redirect::to(&context::workspace(&slug, "archive")).into_response());
    }
    let history = history(&mut tx, tenant, kind, id).await?;
    let actor = member.actor(ip);
    let short = choices::shorten(&title, 200);
    if history > 0 {
        archive(&mut tx, tenant, kind, id).await?;
        audit::record(
            &mut tx,
            tenant,
            &actor,
            Event::new(
                "archive",
                kind.entity(),
                Some(id),
                crate::kernel::audit::record_text(|| {
                    crate::t1("authoring-audit-archived", "title", &short)
                }),
            ),
        )
        .await?;
    } else {
        match kind {
            Kind::FocusArea => {
                sqlx::query!(
                    "DELETE FROM focus_areas WHERE tenant_id = $1 AND id = $2",
                    tenant,
                    id
                )
                .execute(&mut *tx)
                .await?
            }
            Kind::Goal => {
                sqlx::query!(
                    "DELETE FROM goals WHERE tenant_id = $1 AND id = $2",
                    tenant,
                    id
                )
                .execute(&mut *tx)
                .await?
            }
            Kind::SubGoal => {
                sqlx::query!(
                    "DELETE FROM sub_goals WHERE tenant_id = $1 AND id = $2",
                    tenant,
                    id
                )
                .execute(&mut *tx)
                .await?
            }
            Kind::Challenge | Kind::Cluster | Kind::Initiative => {
                portfolio::delete(&mut tx, tenant, kind, id).await?
            }
        };
        audit::record(
            &mut tx,
            tenant,
            &actor,
            Event::new(
                "delete",
                kind.entity(),
                Some(id),
                crate::kernel::audit::record_text(|| {
                    crate::t1("authoring-audit-deleted", "title", &short)
                }),
            )
            .change(Some(serde_json::json!({ "title": title })), None),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, "")).into_response())
}

async fn deleted_before(conn: &mut PgConnection, tenant: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM audit_events
                          WHERE tenant_id = $1 AND entity_id = $2 AND action = 'delete') as "found!""#,
        tenant,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(found)
}

/// Archives the item and what it contains, all with the same timestamp, so that restoring it
/// brings back exactly what went with it.
async fn archive(tx: &mut PgConnection, tenant: Uuid, kind: Kind, id: Uuid) -> sqlx::Result<()> {
    match kind {
        Kind::FocusArea => {
            sqlx::query!(
                r#"WITH area AS (UPDATE focus_areas SET archived_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id),
                        goal AS (UPDATE goals SET archived_at = now()
                                 WHERE tenant_id = $1 AND focus_area_id = $2 AND archived_at IS NULL RETURNING id)
                   UPDATE sub_goals SET archived_at = now()
                   WHERE tenant_id = $1 AND archived_at IS NULL
                     AND goal_id IN (SELECT id FROM goals WHERE tenant_id = $1 AND focus_area_id = $2)"#,
                tenant,
                id
            )
            .execute(tx)
            .await?;
        }
        Kind::Goal => {
            sqlx::query!(
                r#"WITH goal AS (UPDATE goals SET archived_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id)
                   UPDATE sub_goals SET archived_at = now()
                   WHERE tenant_id = $1 AND goal_id = $2 AND archived_at IS NULL"#,
                tenant,
                id
            )
            .execute(tx)
            .await?;
        }
        Kind::SubGoal => {
            sqlx::query!(
                "UPDATE sub_goals SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(tx)
            .await?;
        }
        Kind::Challenge | Kind::Cluster | Kind::Initiative => {
            portfolio::archive(tx, tenant, kind, id).await?;
        }
    }
    Ok(())
}

pub async fn restore<K: OfKind>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Path((_, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    let kind = K::KIND;
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let (title, archived) = title(&mut tx, tenant, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if archived {
        // Whatever was archived together with the item comes back with it; the item goes last
        // among its siblings. An item whose parent is archived comes back with its parent.
        match kind {
            Kind::FocusArea => sqlx::query!(
                r#"WITH area AS (
                       UPDATE focus_areas f SET archived_at = NULL,
                              position = COALESCE((SELECT max(position) + 1 FROM focus_areas o
                                                   WHERE o.tenant_id = $1 AND o.strategy_id = f.strategy_id AND o.archived_at IS NULL), 0)
                       WHERE f.tenant_id = $1 AND f.id = $2
                       RETURNING (SELECT archived_at FROM focus_areas WHERE tenant_id = $1 AND id = $2) as at),
                   goal AS (UPDATE goals SET archived_at = NULL
                            WHERE tenant_id = $1 AND focus_area_id = $2 AND archived_at = (SELECT at FROM area)
                            RETURNING id)
                   UPDATE sub_goals SET archived_at = NULL
                   WHERE tenant_id = $1 AND archived_at = (SELECT at FROM area)
                     AND goal_id IN (SELECT id FROM goals WHERE tenant_id = $1 AND focus_area_id = $2)"#,
                tenant, id
            ).execute(&mut *tx).await?,
            Kind::Goal => sqlx::query!(
                r#"WITH goal AS (
                       UPDATE goals g SET archived_at = NULL,
                              position = COALESCE((SELECT max(position) + 1 FROM goals o
                                                   WHERE o.tenant_id = $1 AND o.focus_area_id = g.focus_area_id AND o.archived_at IS NULL), 0)
                       WHERE g.tenant_id = $1 AND g.id = $2
                         AND NOT EXISTS (SELECT 1 FROM focus_areas f WHERE f.tenant_id = $1 AND f.id = g.focus_area_id AND f.archived_at IS NOT NULL)
                       RETURNING (SELECT archived_at FROM goals WHERE tenant_id = $1 AND id = $2) as at)
                   UPDATE sub_goals SET archived_at = NULL
                   WHERE tenant_id = $1 AND goal_id = $2 AND archived_at = (SELECT at FROM goal)"#,
                tenant, id
            ).execute(&mut *tx).await?,
            Kind::SubGoal => sqlx::query!(
                r#"UPDATE sub_goals s SET archived_at = NULL,
                          position = COALESCE((SELECT max(position) + 1 FROM sub_goals o
                                               WHERE o.tenant_id = $1 AND o.goal_id = s.goal_id AND o.archived_at IS NULL), 0)
                   WHERE s.tenant_id = $1 AND s.id = $2
                     AND NOT EXISTS (SELECT 1 FROM goals g WHERE g.tenant_id = $1 AND g.id = s.goal_id AND g.archived_at IS NOT NULL)"#,
                tenant, id
            ).execute(&mut *tx).await?,
            Kind::Challenge | Kind::Cluster | Kind::Initiative => portfolio::restore(&mut tx, tenant, kind, id).await?,
        };
        audit::record(
            &mut tx,
            tenant,
            &member.actor(ip),
            Event::new(
                "restore",
                kind.entity(),
                Some(id),
                crate::kernel::audit::record_text(|| {
                    crate::t1(
                        "authoring-audit-restored",
                        "title",
                        choices::shorten(&title, 200),
                    )
                }),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, &kind.anchor(id))).into_response())
}

#[derive(Deserialize)]
pub struct MoveInput {
    #[serde(default)]
    direction: String,
}

/// Moves the item one place up or down among its siblings by swapping positions with its neighbour.
pub async fn reorder<K: OfKind>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Path((_, id)): Path<(String, Uuid)>,
    Form(input): Form<MoveInput>,
) -> AppResult<Response> {
    let kind = K::KIND;
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let (title, _) = title(&mut tx, tenant, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let up = match input.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Ok(Redirect::to(&context::workspace(&slug, &kind.anchor(id))).into_response()),
    };
    // Reordering changes no wording, so it does not bump the version: someone editing the text
    // meanwhile is not told of a conflict that isn't one.
    let moved = match kind {
        Kind::FocusArea => sqlx::query!(
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM focus_areas
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM focus_areas o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE focus_areas t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tenant, id, up
        ).execute(&mut *tx).await?,
        Kind::Goal => sqlx::query!(
            r#"WITH me AS (SELECT id, position, focus_area_id as parent FROM goals
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM goals o, me
                              WHERE o.tenant_id = $1 AND o.focus_area_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE goals t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tenant, id, up
        ).execute(&mut *tx).await?,
        Kind::SubGoal => sqlx::query!(
            r#"WITH me AS (SELECT id, position, goal_id as parent FROM sub_goals
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM sub_goals o, me
                              WHERE o.tenant_id = $1 AND o.goal_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE sub_goals t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tenant, id, up
        ).execute(&mut *tx).await?,
        Kind::Challenge | Kind::Cluster | Kind::Initiative => portfolio::reorder(&mut tx, tenant, kind, id, up).await?,
    };
    if moved.rows_affected() > 0 {
        let short = choices::shorten(&title, 200);
        let summary = if up {
            crate::kernel::audit::record_text(|| {
                crate::t1("authoring-audit-moved-up", "title", short)
            })
        } else {
            crate::kernel::audit::record_text(|| {
                crate::t1("authoring-audit-moved-down", "title", short)
            })
        };
        audit::record(
            &mut tx,
            tenant,
            &member.actor(ip),
            Event::new("reorder", kind.entity(), Some(id), summary),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, &kind.anchor(id))).into_response())
}

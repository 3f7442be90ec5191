//! The statements behind reordering, deleting, archiving and restoring the strategy's flat lists:
//! shared problems, mission clusters and initiatives (`structure` handles the outline).

use sqlx::PgConnection;
use sqlx::postgres::PgQueryResult;
use uuid::Uuid;

use super::structure::Kind;

pub async fn title(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
) -> sqlx::Result<Option<(String, bool)>> {
    let row = match kind {
        Kind::Challenge => sqlx::query!(
            r#"SELECT title, archived_at IS NOT NULL as "archived!" FROM challenges WHERE tenant_id = $1 AND id = $2"#,
            tenant,
            id
        )
        .fetch_optional(conn)
        .await?
        .map(|r| (r.title, r.archived)),
        Kind::Cluster => sqlx::query!(
            r#"SELECT title, archived_at IS NOT NULL as "archived!" FROM clusters WHERE tenant_id = $1 AND id = $2"#,
            tenant,
            id
        )
        .fetch_optional(conn)
        .await?
        .map(|r| (r.title, r.archived)),
        _ => sqlx::query!(
            r#"SELECT title, archived_at IS NOT NULL as "archived!" FROM initiatives WHERE tenant_id = $1 AND id = $2"#,
            tenant,
            id
        )
        .fetch_optional(conn)
        .await?
        .map(|r| (r.title, r.archived)),
    };
    Ok(row)
}

/// What refers to the item: a shared problem that initiatives or clusters work on, a cluster
/// with initiatives, an initiative with written follow-ups or decisions. Those are archived.
pub async fn history(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
) -> sqlx::Result<i64> {
    match kind {
        Kind::Challenge => sqlx::query_scalar!(
            r#"SELECT (SELECT count(*) FROM initiative_challenges WHERE tenant_id = $1 AND challenge_id = $2)
                    + (SELECT count(*) FROM cluster_challenges WHERE tenant_id = $1 AND challenge_id = $2) as "count!""#,
            tenant,
            id
        )
        .fetch_one(conn)
        .await,
        Kind::Cluster => sqlx::query_scalar!(
            r#"SELECT count(*) as "count!" FROM initiatives WHERE tenant_id = $1 AND cluster_id = $2"#,
            tenant,
            id
        )
        .fetch_one(conn)
        .await,
        _ => sqlx::query_scalar!(
            r#"SELECT (SELECT count(*) FROM followups f WHERE f.tenant_id = $1 AND f.initiative_id = $2
                         AND (f.version > 1 OR f.review_state <> 'draft'))
                    + (SELECT count(*) FROM decisions d WHERE d.tenant_id = $1 AND d.initiative_id = $2) as "count!""#,
            tenant,
            id
        )
        .fetch_one(conn)
        .await,
    }
}

pub async fn delete(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
) -> sqlx::Result<PgQueryResult> {
    match kind {
        Kind::Challenge => {
            sqlx::query!(
                "DELETE FROM challenges WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(conn)
            .await
        }
        Kind::Cluster => {
            sqlx::query!(
                "DELETE FROM clusters WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(conn)
            .await
        }
        _ => {
            sqlx::query!(
                "DELETE FROM initiatives WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(conn)
            .await
        }
    }
}

pub async fn archive(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
) -> sqlx::Result<PgQueryResult> {
    match kind {
        Kind::Challenge => {
            sqlx::query!(
                "UPDATE challenges SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(conn)
            .await
        }
        Kind::Cluster => {
            sqlx::query!(
                "UPDATE clusters SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(conn)
            .await
        }
        _ => {
            sqlx::query!(
                "UPDATE initiatives SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
                tenant,
                id
            )
            .execute(conn)
            .await
        }
    }
}

/// Back into the list, last.
pub async fn restore(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
) -> sqlx::Result<PgQueryResult> {
    match kind {
        Kind::Challenge => sqlx::query!(
            r#"UPDATE challenges c SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM challenges o
                                           WHERE o.tenant_id = $1 AND o.strategy_id = c.strategy_id AND o.archived_at IS NULL), 0)
               WHERE c.tenant_id = $1 AND c.id = $2"#,
            tenant,
            id
        )
        .execute(conn)
        .await,
        Kind::Cluster => sqlx::query!(
            r#"UPDATE clusters c SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM clusters o
                                           WHERE o.tenant_id = $1 AND o.strategy_id = c.strategy_id AND o.archived_at IS NULL), 0)
               WHERE c.tenant_id = $1 AND c.id = $2"#,
            tenant,
            id
        )
        .execute(conn)
        .await,
        _ => sqlx::query!(
            r#"UPDATE initiatives c SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM initiatives o
                                           WHERE o.tenant_id = $1 AND o.strategy_id = c.strategy_id AND o.archived_at IS NULL), 0)
               WHERE c.tenant_id = $1 AND c.id = $2"#,
            tenant,
            id
        )
        .execute(conn)
        .await,
    }
}

/// Swaps positions with the neighbour above (`up`) or below.
pub async fn reorder(
    conn: &mut PgConnection,
    tenant: Uuid,
    kind: Kind,
    id: Uuid,
    up: bool,
) -> sqlx::Result<PgQueryResult> {
    match kind {
        Kind::Challenge => sqlx::query!(
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM challenges
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM challenges o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE challenges t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tenant,
            id,
            up
        )
        .execute(conn)
        .await,
        Kind::Cluster => sqlx::query!(
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM clusters
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM clusters o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE clusters t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tenant,
            id,
            up
        )
        .execute(conn)
        .await,
        _ => sqlx::query!(
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM initiatives
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM initiatives o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE initiatives t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tenant,
            id,
            up
        )
        .execute(conn)
        .await,
    }
}

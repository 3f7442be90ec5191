//! The audit log: who did what, when, with before and after. Events are written in the same
//! transaction as the change they describe, so there is never a change without its event.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::AuditAction;

/// Who did it: a signed-in user, or a named system actor (the CLI, the importer).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub label: String,
    pub ip: Option<String>,
}

impl Actor {
    pub fn user(user_id: Uuid, label: impl Into<String>, ip: Option<String>) -> Self {
        Self {
            user_id: Some(user_id),
            label: label.into(),
            ip,
        }
    }

    pub fn system(label: impl Into<String>) -> Self {
        Self {
            user_id: None,
            label: label.into(),
            ip: None,
        }
    }
}

/// Texts kept in the record (event summaries, comments stored with a change) are written in
/// Danish whatever language the person acting reads Retning in: the log is the municipality's
/// record, and one language keeps it readable and searchable as a whole.
pub fn record_text<R>(text: impl FnOnce() -> R) -> R {
    crate::i18n::sync_scope(crate::i18n::Lang::Da, text)
}

pub struct Event<'a> {
    pub action: AuditAction,
    pub entity: &'a str,
    pub entity_id: Option<Uuid>,
    pub summary: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl<'a> Event<'a> {
    pub fn new(
        action: AuditAction,
        entity: &'a str,
        entity_id: Option<Uuid>,
        summary: impl Into<String>,
    ) -> Self {
        Self {
            action,
            entity,
            entity_id,
            summary: summary.into(),
            before: None,
            after: None,
        }
    }

    pub fn change(mut self, before: Option<Value>, after: Option<Value>) -> Self {
        self.before = before;
        self.after = after;
        self
    }
}

/// Records an event in a tenant transaction of `tenant_id`.
pub async fn record(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    actor: &Actor,
    event: Event<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO audit_events (tenant_id, id, actor_id, actor_label, action, entity, entity_id, summary, before, after, ip)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"#,
        tenant_id,
        Uuid::now_v7(),
        actor.user_id,
        actor.label.chars().take(300).collect::<String>(),
        event.action.as_str(),
        event.entity,
        event.entity_id,
        event.summary.chars().take(1000).collect::<String>(),
        event.before,
        event.after,
        actor.ip
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the same event in every municipality the user belongs to (sign-in, sign-out), inside a
/// transaction begun with `begin_user_tx` for that user.
pub async fn record_in_user_tenants(
    conn: &mut PgConnection,
    user_id: Uuid,
    actor: &Actor,
    event: Event<'_>,
) -> sqlx::Result<()> {
    // Not in municipalities whose invitation the person has not accepted: what they do elsewhere
    // (signing in, their name) is none of those municipalities' business yet.
    let tenants = sqlx::query_scalar!(
        "SELECT tenant_id FROM memberships WHERE user_id = $1 AND joined_at IS NOT NULL",
        user_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for tenant_id in tenants {
        crate::db::set_tenant(&mut *conn, tenant_id).await?;
        let copy = Event {
            action: event.action,
            entity: event.entity,
            entity_id: event.entity_id,
            summary: event.summary.clone(),
            before: event.before.clone(),
            after: event.after.clone(),
        };
        record(&mut *conn, tenant_id, actor, copy).await?;
    }
    Ok(())
}

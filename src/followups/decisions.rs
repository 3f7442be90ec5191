//! The steering group's decision on an initiative, taken on its follow-up: continue, adjust,
//! stop or scale, always with a reason. The decision moves the initiative's lifecycle; a stopped
//! initiative gets no follow-up in the next round.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::{AuditAction, DecisionKind, InitiativeLifecycle};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::ids::{FollowUpId, IdPath};
use crate::web::{AppError, AppResult};
use crate::{t, t3};

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
}

pub async fn record(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<FollowUpId>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let f = super::form::load(&state, &member, id).await?;
    let (id, tenant) = (f.id, member.tenant.id);
    let Some(initiative) = f.initiative_id else {
        return Err(AppError::NotFound);
    };
    let kind = DecisionKind::parse(&form.kind).filter(|k| *k != DecisionKind::Note);
    let (reason, unstorable) = match crate::web::text::multiline(form.reason.trim()) {
        Ok(reason) => (reason, None),
        Err(problem) => (form.reason.trim().to_string(), Some(problem)),
    };
    let problem = match (kind, reason.chars().count()) {
        (None, _) => Some("followups-decisions-error-kind"),
        (_, 0) => Some("followups-decisions-error-reason-required"),
        (_, n) if n > 5000 => Some("followups-decisions-error-reason-too-long"),
        _ => None,
    };
    let (Some(kind), None, None) = (kind, problem, unstorable) else {
        let message = problem
            .map(t)
            .or(unstorable.map(crate::web::text::TextError::message))
            .unwrap_or_default();
        return super::form::with_decision_error(
            &state,
            &member,
            f,
            (form.kind.clone(), form.reason.clone()),
            message,
        )
        .await;
    };
    let lifecycle = match kind {
        DecisionKind::Continue => InitiativeLifecycle::Active,
        DecisionKind::Adjust => InitiativeLifecycle::Adjusted,
        DecisionKind::Stop => InitiativeLifecycle::Stopped,
        DecisionKind::Scale | DecisionKind::Note => InitiativeLifecycle::Scaled,
    };
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let before = sqlx::query_scalar!(
        r#"SELECT lifecycle as "lifecycle: InitiativeLifecycle" FROM initiatives WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        initiative
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        r#"INSERT INTO decisions (tenant_id, id, strategy_id, round_id, initiative_id, kind, text, decided_on, recorded_by)
           SELECT $1, $2, strategy_id, $3, $4, $5, $6, CURRENT_DATE, $7 FROM followup_rounds WHERE tenant_id = $1 AND id = $3"#,
        tenant,
        Uuid::now_v7(),
        f.round_id,
        initiative,
        kind as DecisionKind,
        reason,
        member.user_id()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE initiatives SET lifecycle = $3 WHERE tenant_id = $1 AND id = $2",
        tenant,
        initiative,
        lifecycle as InitiativeLifecycle
    )
    .execute(&mut *tx)
    .await?;
    let summary = audit::record_text(|| {
        t3(
            "followups-audit-decided",
            "subject",
            &f.subject,
            "kind",
            kind.label(),
            "reason",
            reason.chars().take(200).collect::<String>(),
        )
    });
    let event = Event::new(AuditAction::InitiativeDecided, "initiative", Some(initiative), summary).change(
        Some(serde_json::json!({ "lifecycle": before.as_str() })),
        Some(serde_json::json!({ "lifecycle": lifecycle.as_str(), "decision": kind.as_str(), "reason": reason })),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/followups/{id}?saved=decided",
        member.tenant.slug
    ))
    .into_response())
}

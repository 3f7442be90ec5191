//! The secretariat's review of a submitted follow-up: approve it, or return it with a comment.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::queries;
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::{AuditAction, CommentKind, ReviewState, RoundState};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::ids::{FollowUpId, IdPath};
use crate::web::AppResult;
use crate::{t, t3};

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    comment: String,
}

pub async fn decide(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<FollowUpId>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    let f = super::form::load(&state, &member, id).await?;
    let (id, tenant) = (f.id, member.tenant.id);
    let (comment, unstorable) = match crate::web::text::multiline(form.comment.trim()) {
        Ok(comment) => (comment, None),
        Err(problem) => (String::new(), Some(problem)),
    };
    let problem = if let Some(problem) = unstorable {
        Some(problem.message())
    } else if f.round_state != RoundState::Open {
        Some(t("followups-review-error-round-closed"))
    } else if f.review_state != ReviewState::Submitted {
        Some(t("followups-review-error-not-submitted"))
    } else if form.action == "return" && comment.is_empty() {
        Some(t("followups-review-error-comment-required"))
    } else if comment.chars().count() > 5000 {
        Some(t("followups-review-error-comment-too-long"))
    } else if form.action != "return" && form.action != "approve" {
        Some(t("followups-review-error-action"))
    } else {
        None
    };
    if let Some(problem) = problem {
        return super::form::with_review_error(
            &state,
            &member,
            f,
            problem,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (new_state, kind, saved) = if form.action == "approve" {
        (ReviewState::Approved, CommentKind::Approved, "approved")
    } else {
        (ReviewState::Returned, CommentKind::Returned, "returned")
    };
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    // Only a follow-up that is still submitted is decided: a second click, or a colleague who
    // decided first, changes nothing.
    let decided = sqlx::query!(
        "UPDATE followups SET review_state = $3, version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND review_state = 'submitted'",
        tenant,
        id,
        new_state as ReviewState
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if decided == 0 {
        drop(tx);
        let message = t("followups-review-error-not-submitted");
        return super::form::with_review_error(&state, &member, f, message, StatusCode::CONFLICT)
            .await;
    }
    let recorded = queries::add_comment(
        &mut tx,
        tenant,
        id,
        member.user_id(),
        kind,
        (!comment.is_empty()).then_some(comment.as_str()),
    )
    .await?;
    // The owner's mail, queued with the decision itself: once, and only if it happened.
    crate::reminders::followup_mail::queue_for_comment(
        &mut tx,
        tenant,
        &state.settings.base_url,
        id,
        recorded,
    )
    .await?;
    let action = if new_state == ReviewState::Approved {
        AuditAction::FollowupApproved
    } else {
        AuditAction::FollowupReturned
    };
    let summary = audit::record_text(|| {
        t3(
            "followups-audit-reviewed",
            "state",
            new_state.label().to_lowercase(),
            "round",
            &f.round_label,
            "subject",
            f.subject.chars().take(120).collect::<String>(),
        )
    });
    let event = Event::new(action, "followup", Some(id), summary).change(
        Some(serde_json::json!({ "review": "submitted" })),
        Some(serde_json::json!({ "review": new_state.as_str(), "comment": comment })),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/followups/{id}?saved={saved}",
        member.tenant.slug
    ))
    .into_response())
}

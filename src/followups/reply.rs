//! `POST /t/{slug}/followups/{id}/comments`: a reply in a follow-up's conversation, by its owner
//! or the secretariat. Kept apart from `conversation.rs` (which only reads the thread for the
//! page) because a refused reply re-renders the whole follow-up page from `form.rs`.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{conversation, queries};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::{AuditAction, CommentKind, RoundState};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::ids::{FollowUpId, IdPath};
use crate::web::{AppError, AppResult};
use crate::{t, t1, t2};

/// The longest reply, as the table allows.
const MAX_REPLY: usize = 5000;

#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    text: String,
}

pub async fn reply(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<FollowUpId>,
    Form(form): Form<ReplyForm>,
) -> AppResult<Response> {
    let f = super::form::load(&state, &member, id).await?;
    // Someone who may read the page but takes no part in the conversation does not learn
    // from the answer that the follow-up exists any more than the page already told them.
    if !conversation::takes_part(&member, &f) {
        return Err(AppError::NotFound);
    }
    let problem = match crate::web::text::multiline(form.text.trim()) {
        Err(problem) => Err(problem.message()),
        Ok(_) if f.round_state != RoundState::Open => Err(t("followups-conversation-error-closed")),
        Ok(text) if text.is_empty() => Err(t("followups-conversation-error-required")),
        Ok(text) if text.chars().count() > MAX_REPLY => Err(t1(
            "followups-conversation-error-too-long",
            "max",
            MAX_REPLY,
        )),
        Ok(text) => Ok(text),
    };
    let text = match problem {
        Ok(text) => text,
        Err(message) => {
            return super::form::with_conversation_error(&state, &member, f, form.text, message)
                .await;
        }
    };
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    queries::add_comment(
        &mut tx,
        tenant,
        f.id,
        member.user_id(),
        CommentKind::Comment,
        Some(&text),
    )
    .await?;
    let summary = audit::record_text(|| {
        t2(
            "followups-audit-replied",
            "round",
            &f.round_label,
            "subject",
            f.subject.chars().take(120).collect::<String>(),
        )
    });
    let event = Event::new(
        AuditAction::FollowupCommented,
        "followup",
        Some(f.id),
        summary,
    )
    .change(None, Some(serde_json::json!({ "reply": text })));
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/followups/{}?saved=replied#samtale",
        member.tenant.slug, f.id
    ))
    .into_response())
}

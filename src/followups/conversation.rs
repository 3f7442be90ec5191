//! The conversation on a follow-up: the secretariat's comments when it returns or approves, the
//! submissions, and the replies the owner and the secretariat write to each other. The owner
//! answers a comment here, not in the follow-up's own texts. Shown on the follow-up page as its
//! own partial (templates/followups/conversation.html).

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;

use super::queries::{self, FollowupRow};
use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::domain::{CommentKind, RoundState};
use crate::kernel::access::{Capability, Member};
use crate::kernel::ids::{FollowUpId, IdPath};
use crate::web::{AppError, AppResult, format};
use crate::{t, t1};

/// The longest reply, as the table allows.
const MAX_REPLY: usize = 5000;

pub struct Entry {
    pub kind: String,
    pub text: Option<String>,
    pub author: String,
    /// Written by the follow-up's owner (the others are the secretariat's).
    pub by_owner: bool,
    pub at: String,
}

/// The thread and the reply form as the page shows them.
#[derive(Default)]
pub struct Conversation {
    pub entries: Vec<Entry>,
    /// The member may write in the conversation now.
    pub can_reply: bool,
    /// The reply as typed, when it came back with an error.
    pub typed: String,
    pub error: Option<String>,
}

/// Whether `member` takes part in the follow-up's conversation: its owner, and those who review
/// follow-ups. Others may read the page but not write here.
fn takes_part(member: &Member, f: &FollowupRow) -> bool {
    f.owner_id == Some(member.user_id()) || member.can(Capability::ReviewFollowUps)
}

pub(super) async fn load(
    conn: &mut PgConnection,
    member: &Member,
    f: &FollowupRow,
) -> sqlx::Result<Conversation> {
    let comments = queries::comments(conn, member.tenant.id, f.id).await?;
    Ok(Conversation {
        entries: comments
            .into_iter()
            .map(|c| Entry {
                // The table's CHECK admits only the vocabulary's words.
                kind: CommentKind::parse(&c.kind)
                    .unwrap_or(CommentKind::Comment)
                    .label(),
                text: c.text,
                author: c.author.unwrap_or_default(),
                by_owner: c.author_id.is_some() && c.author_id == f.owner_id,
                at: format::datetime(c.created_at),
            })
            .collect(),
        can_reply: f.round_state == RoundState::Open && takes_part(member, f),
        typed: String::new(),
        error: None,
    })
}

#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    text: String,
}

/// `POST /t/{slug}/followups/{id}/comments`: a reply in the conversation.
pub async fn reply(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<FollowUpId>,
    Form(form): Form<ReplyForm>,
) -> AppResult<Response> {
    let f = super::form::load(&state, &member, id).await?;
    if !takes_part(&member, &f) {
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
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/followups/{}?saved=replied#samtale",
        member.tenant.slug, f.id
    ))
    .into_response())
}

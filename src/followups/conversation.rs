//! The conversation on a follow-up: the secretariat's comments when it returns or approves, the
//! submissions, and the replies the owner and the secretariat write to each other. The owner
//! answers a comment here, not in the follow-up's own texts. Shown on the follow-up page as its
//! own partial (templates/followups/conversation.html); a reply is written by `reply.rs`.

use sqlx::PgConnection;

use super::queries::{self, FollowupRow};
use crate::domain::{CommentKind, RoundState};
use crate::kernel::access::{Capability, Member};
use crate::web::format;

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
pub(super) fn takes_part(member: &Member, f: &FollowupRow) -> bool {
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

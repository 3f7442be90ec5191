//! `/t/{slug}/admin/outbox`: the mails Retning has queued, sent, or kept in the local outbox.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::web::{AppResult, format};

pub struct MailView {
    pub created: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    smtp: bool,
    mails: Vec<MailView>,
}

pub async fn page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let rows = sqlx::query!(
        r#"SELECT created_at, to_email, to_name, subject, body, status, last_error FROM mail_queue
           WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 200"#,
        member.tenant.id
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let mails = rows
        .into_iter()
        .map(|r| MailView {
            created: format::datetime(r.created_at),
            to: format!("{} <{}>", r.to_name, r.to_email),
            subject: r.subject,
            body: r.body,
            status: crate::t(match r.status.as_str() {
                "sent" => "reminders-status-sent",
                "outbox" => "reminders-status-outbox",
                "failed" => "reminders-status-failed",
                _ => "reminders-status-queued",
            }),
            error: r.last_error,
        })
        .collect();
    let page = OutboxPage {
        chrome: Chrome::member(
            crate::t1("reminders-outbox-title", "tenant", &member.tenant.name),
            &member,
        ),
        smtp: state.settings.smtp_configured,
        mails,
    };
    Ok(render(&page))
}

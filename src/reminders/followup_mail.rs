//! Mail when a follow-up's review moves: its owner hears when it is returned (with the comment)
//! and when it is approved; the secretariat hears when it is submitted again after a return.
//!
//! Queued in the same transaction as the comment that records the step, so a mail exists exactly
//! when the step happened; the dedupe key names that comment and the recipient, so the queue
//! holds each mail once however often the request or the delivery is retried. Written in the
//! recipient's language, with a deep link under the installation's public base URL.

use sqlx::PgConnection;
use uuid::Uuid;

use super::schedule::{lang_of, letter};
use crate::domain::CommentKind;
use crate::i18n::sync_scope;
use crate::{t, t1, t3};

/// What is said about the follow-up in every mail.
struct About {
    slug: String,
    subject: String,
    round: String,
    owner_id: Option<Uuid>,
    owner_name: Option<String>,
    author_id: Option<Uuid>,
    author_name: Option<String>,
    kind: String,
    comment: Option<String>,
}

struct Recipient {
    id: Uuid,
    email: String,
    name: String,
    locale: Option<String>,
}

/// Queues the mail that the comment `comment` on follow-up `followup` calls for, if any: a
/// return or an approval to the owner, a submission after a return to the secretariat. Returns
/// how many mails were queued now.
pub async fn queue_for_comment(
    conn: &mut PgConnection,
    tenant: Uuid,
    base_url: &str,
    followup: Uuid,
    comment: Uuid,
) -> sqlx::Result<u64> {
    let Some(about) = sqlx::query_as!(
        About,
        r#"SELECT t.slug, coalesce(s.text, i.title) as "subject!", r.label as round,
                  f.owner_id, o.display_name as "owner_name?", c.author_id,
                  a.display_name as "author_name?", c.kind, c.text as comment
           FROM followup_comments c
           JOIN followups f ON f.tenant_id = c.tenant_id AND f.id = c.followup_id
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           JOIN tenants t ON t.id = f.tenant_id
           LEFT JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
           LEFT JOIN initiatives i ON i.tenant_id = f.tenant_id AND i.id = f.initiative_id
           LEFT JOIN users o ON o.id = f.owner_id
           LEFT JOIN users a ON a.id = c.author_id
           WHERE c.tenant_id = $1 AND c.followup_id = $2 AND c.id = $3"#,
        tenant,
        followup,
        comment
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(0);
    };
    let kind = CommentKind::parse(&about.kind);
    let recipients = match kind {
        Some(CommentKind::Returned | CommentKind::Approved) => {
            sqlx::query_as!(
                Recipient,
                r#"SELECT u.id, u.email, u.display_name as name, u.locale FROM users u
                   JOIN memberships m ON m.tenant_id = $1 AND m.user_id = u.id AND m.is_active
                   WHERE u.id = $2 AND u.is_active"#,
                tenant,
                about.owner_id
            )
            .fetch_all(&mut *conn)
            .await?
        }
        Some(CommentKind::Submitted) => {
            // Only a submission after a return is news to the secretariat: to whoever returned
            // it last, while they still review follow-ups; else to every secretariat member.
            sqlx::query_as!(
                Recipient,
                r#"WITH returned_by AS (
                       SELECT c.author_id FROM followup_comments c
                       WHERE c.tenant_id = $1 AND c.followup_id = $2 AND c.kind = 'returned' AND c.id <> $3
                       ORDER BY c.created_at DESC, c.id DESC LIMIT 1
                   ),
                   reviewer AS (
                       SELECT m.user_id FROM memberships m JOIN returned_by b ON b.author_id = m.user_id
                       WHERE m.tenant_id = $1 AND m.is_active AND m.role IN ('secretariat', 'admin')
                   )
                   SELECT u.id, u.email, u.display_name as name, u.locale FROM users u
                   JOIN memberships m ON m.tenant_id = $1 AND m.user_id = u.id AND m.is_active
                   WHERE u.is_active AND EXISTS (SELECT 1 FROM returned_by)
                     AND (u.id IN (SELECT user_id FROM reviewer)
                          OR (NOT EXISTS (SELECT 1 FROM reviewer) AND m.role = 'secretariat'))
                   ORDER BY u.email"#,
                tenant,
                followup,
                comment
            )
            .fetch_all(&mut *conn)
            .await?
        }
        Some(CommentKind::Comment) | None => Vec::new(),
    };
    let link = format!("{base_url}/t/{}/followups/{followup}", about.slug);
    let subject: String = about.subject.chars().take(120).collect();
    let mut queued = 0;
    for to in recipients {
        // Nobody is told about their own step (a secretariat member filling in on the owner's
        // behalf after returning it).
        if Some(to.id) == about.author_id {
            continue;
        }
        let (mail_kind, title, text) = sync_scope(lang_of(to.locale.as_deref()), || {
            let author = about
                .author_name
                .clone()
                .unwrap_or_else(|| t("reminders-followup-someone"));
            match kind {
                Some(CommentKind::Returned) => (
                    "followup_returned",
                    t1("reminders-followup-returned-subject", "subject", &subject),
                    format!(
                        "{}\n\n{}\n\n{}",
                        t3(
                            "reminders-followup-returned-text",
                            "author",
                            &author,
                            "subject",
                            &subject,
                            "round",
                            &about.round
                        ),
                        quoted(about.comment.as_deref().unwrap_or_default()),
                        t("reminders-followup-returned-what-now")
                    ),
                ),
                Some(CommentKind::Approved) => (
                    "followup_approved",
                    t1("reminders-followup-approved-subject", "subject", &subject),
                    match about.comment.as_deref() {
                        Some(comment) => format!(
                            "{}\n\n{}",
                            t3(
                                "reminders-followup-approved-text",
                                "author",
                                &author,
                                "subject",
                                &subject,
                                "round",
                                &about.round
                            ),
                            quoted(comment)
                        ),
                        None => t3(
                            "reminders-followup-approved-text",
                            "author",
                            &author,
                            "subject",
                            &subject,
                            "round",
                            &about.round,
                        ),
                    },
                ),
                _ => (
                    "followup_resubmitted",
                    t1(
                        "reminders-followup-resubmitted-subject",
                        "subject",
                        &subject,
                    ),
                    t3(
                        "reminders-followup-resubmitted-text",
                        "owner",
                        about.owner_name.as_deref().unwrap_or(&author),
                        "subject",
                        &subject,
                        "round",
                        &about.round,
                    ),
                ),
            }
        });
        let body = sync_scope(lang_of(to.locale.as_deref()), || {
            letter(
                &to.name,
                text,
                t1("reminders-followup-link", "link", &link),
                true,
            )
        });
        queued += sqlx::query!(
            r#"INSERT INTO mail_queue (tenant_id, id, dedupe_key, kind, to_email, to_name, subject, body)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
               ON CONFLICT (tenant_id, dedupe_key) DO NOTHING"#,
            tenant,
            Uuid::now_v7(),
            format!("followup:{followup}:comment:{comment}:{}", to.id),
            mail_kind,
            to.email,
            to.name.chars().take(200).collect::<String>(),
            title.chars().take(300).collect::<String>(),
            body
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(queued)
}

/// The comment as a quotation: each line marked, as mail readers show a quote.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|line| format!("> {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

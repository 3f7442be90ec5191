//! Delivering queued mail: over SMTP when configured, else into the local outbox. A failed send is
//! retried with exponential back-off and given up after a number of attempts.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::mail::{Mailer, smtp};

const MAX_ATTEMPTS: i32 = 8;

struct Due {
    id: Uuid,
    to_email: String,
    to_name: String,
    subject: String,
    body: String,
    attempts: i32,
}

/// Delivers the tenant's due mails; returns how many were delivered (sent or put in the outbox).
/// Rows are locked with SKIP LOCKED, so several app servers never deliver the same mail.
pub async fn deliver_due(
    conn: &mut PgConnection,
    tenant: Uuid,
    mailer: &Mailer,
) -> sqlx::Result<u64> {
    let due = sqlx::query_as!(
        Due,
        r#"SELECT id, to_email, to_name, subject, body, attempts FROM mail_queue
           WHERE tenant_id = $1 AND status = 'queued' AND next_attempt_at <= now()
           ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED"#,
        tenant
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut delivered = 0;
    for mail in due {
        let result = match mailer {
            Mailer::Outbox => Ok("outbox"),
            Mailer::Smtp { transport, from } => smtp(
                transport,
                from,
                (&mail.to_name, &mail.to_email),
                &mail.subject,
                mail.body.clone(),
            )
            .await
            .map(|()| "sent"),
        };
        match result {
            Ok(status) => {
                sqlx::query!(
                    "UPDATE mail_queue SET status = $3, sent_at = now(), attempts = attempts + 1 WHERE tenant_id = $1 AND id = $2",
                    tenant,
                    mail.id,
                    status
                )
                .execute(&mut *conn)
                .await?;
                delivered += 1;
            }
            Err(error) => {
                tracing::warn!(mail = %mail.id, %error, "sending mail failed; will retry");
                let attempts = mail.attempts + 1;
                let status = if attempts >= MAX_ATTEMPTS {
                    "failed"
                } else {
                    "queued"
                };
                // 1, 2, 4, 8 … minutes.
                let wait_minutes = 1i32 << attempts.min(10);
                sqlx::query!(
                    r#"UPDATE mail_queue SET attempts = $3, status = $4, last_error = left($5, 2000),
                           next_attempt_at = now() + make_interval(mins => $6)
                       WHERE tenant_id = $1 AND id = $2"#,
                    tenant,
                    mail.id,
                    attempts,
                    status,
                    error,
                    wait_minutes
                )
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(delivered)
}

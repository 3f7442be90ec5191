//! Delivering queued mail: over SMTP when configured, else into the local outbox. A failed send is
//! retried with exponential back-off and given up after a number of attempts.

use lettre::Address;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgConnection;
use uuid::Uuid;

const MAX_ATTEMPTS: i32 = 8;

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    /// No SMTP configured: mails are kept in the outbox for administrators to read.
    Outbox,
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Mailer {
    /// From `RETNING_SMTP_URL` (e.g. `smtps://user:password@smtp.example.dk:465`) and `RETNING_MAIL_FROM`.
    pub fn from_settings(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        match smtp_url {
            None => Ok(Mailer::Outbox),
            Some(url) => Ok(Mailer::Smtp {
                transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("RETNING_SMTP_URL is not a valid SMTP URL: {e}"))?
                    .build(),
                from: from
                    .parse()
                    .map_err(|e| anyhow::anyhow!("RETNING_MAIL_FROM is not an address: {e}"))?,
            }),
        }
    }
}

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

/// The recipient as a mailbox built from its parts, never parsed from "Name <address>": a display
/// name like "Lund, Karina" is quoted as the standard requires instead of read as two addresses.
fn recipient(name: &str, email: &str) -> Result<Mailbox, String> {
    let address: Address = email
        .trim()
        .parse()
        .map_err(|e| format!("bad address: {e}"))?;
    // Control characters (a line break above all) have no place in a header.
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    Ok(Mailbox::new(
        (!name.is_empty()).then(|| name.to_string()),
        address,
    ))
}

/// Sends one plain-text mail over SMTP: the one place a message is built, for reminders and for
/// the mails about a person's own account alike. The recipient is built from its parts (see
/// `recipient`), and the text is declared UTF-8, since names and texts are Danish.
pub(crate) async fn smtp(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    (to_name, to_email): (&str, &str),
    subject: &str,
    body: String,
) -> Result<(), String> {
    let message = Message::builder()
        .from(from.clone())
        .to(recipient(to_name, to_email)?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| format!("could not build the message: {e}"))?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::recipient;

    #[test]
    fn display_names_are_quoted_not_parsed() {
        let to = recipient("Lund, Karina", "karina.lund@example.dk").expect("a valid mailbox");
        assert_eq!(to.to_string(), r#""Lund, Karina" <karina.lund@example.dk>"#);
        assert_eq!(to.email.to_string(), "karina.lund@example.dk");
        let tricky = recipient("Eve <eve@evil.example>\r\nBcc: x@y.z", "anna@example.dk")
            .expect("the address alone decides the mailbox");
        assert_eq!(tricky.email.to_string(), "anna@example.dk");
        assert!(!tricky.to_string().contains('\n'));
        assert!(recipient("Anna", "not an address").is_err());
    }
}

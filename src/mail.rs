//! Sending mail: where it goes (SMTP, or nowhere but the outbox) and the one function that builds
//! and sends a message, for reminders and for the mails about a person's own account alike.

use lettre::Address;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

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
pub async fn smtp(
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

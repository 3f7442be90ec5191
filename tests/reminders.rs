//! Reminders go exactly once to exactly the owners who have not submitted.

mod common;

use common::{Role, TestApp};

use std::collections::BTreeSet;

use axum::http::StatusCode;
use chrono::NaiveDate;
use retning::mail::Mailer;
use retning::reminders::worker;
use sqlx::PgPool;

const T: &str = "sonderborg";

async fn recipients(admin: &PgPool, kind: &str) -> BTreeSet<String> {
    sqlx::query_scalar(
        "SELECT q.to_email FROM mail_queue q JOIN tenants t ON t.id = q.tenant_id WHERE t.slug = $1 AND q.kind = $2",
    )
    .bind(T)
    .bind(kind)
    .fetch_all(admin)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

async fn count(admin: &PgPool, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM mail_queue q JOIN tenants t ON t.id = q.tenant_id WHERE t.slug = $1 AND q.kind = $2")
        .bind(T)
        .bind(kind)
        .fetch_one(admin)
        .await
        .unwrap()
}

#[sqlx::test]
async fn reminders_go_once_to_exactly_those_who_have_not_submitted(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let base = "https://retning.example";
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();

    let missing: BTreeSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.email FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN tenants t ON t.id = f.tenant_id JOIN users u ON u.id = f.owner_id
         WHERE t.slug = $1 AND r.state = 'open' AND f.review_state IN ('draft', 'returned')",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap()
    .into_iter()
    .collect();
    let owners: BTreeSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.email FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN tenants t ON t.id = f.tenant_id JOIN users u ON u.id = f.owner_id WHERE t.slug = $1 AND r.state = 'open'",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert!(
        !missing.is_empty() && missing.len() < owners.len(),
        "some owners have submitted everything, some have not"
    );

    // Weeks before the deadline (15 January 2027): only "the round is open".
    worker::run_once(&pool, &Mailer::Outbox, base, day("2026-12-01"))
        .await
        .unwrap();
    assert_eq!(recipients(&admin, "round_opened").await, owners);
    assert_eq!(count(&admin, "reminder_7_days").await, 0);

    // Seven days before: the reminder, to exactly those who have not submitted; twice changes nothing.
    worker::run_once(&pool, &Mailer::Outbox, base, day("2027-01-08"))
        .await
        .unwrap();
    worker::run_once(&pool, &Mailer::Outbox, base, day("2027-01-09"))
        .await
        .unwrap();
    assert_eq!(recipients(&admin, "reminder_7_days").await, missing);
    assert_eq!(
        count(&admin, "reminder_7_days").await,
        missing.len() as i64,
        "once each"
    );
    assert_eq!(
        count(&admin, "round_opened").await,
        owners.len() as i64,
        "the opening mail is not sent again"
    );

    // One day before: the last reminder.
    worker::run_once(&pool, &Mailer::Outbox, base, day("2027-01-14"))
        .await
        .unwrap();
    assert_eq!(recipients(&admin, "reminder_1_day").await, missing);

    // After the deadline: a summary to the secretariat naming who is missing.
    worker::run_once(&pool, &Mailer::Outbox, base, day("2027-01-16"))
        .await
        .unwrap();
    worker::run_once(&pool, &Mailer::Outbox, base, day("2027-01-17"))
        .await
        .unwrap();
    let secretariat: BTreeSet<String> = sqlx::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND m.role = 'secretariat' AND m.is_active",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert_eq!(recipients(&admin, "missing_summary").await, secretariat);
    let body: String = sqlx::query_scalar(
        "SELECT q.body FROM mail_queue q JOIN tenants t ON t.id = q.tenant_id WHERE t.slug = $1 AND q.kind = 'missing_summary' LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    for email in &missing {
        assert!(
            body.contains(email.as_str()),
            "{email} is named in the summary"
        );
    }
    let wrongly_named: Vec<&String> = owners
        .difference(&missing)
        .filter(|e| body.contains(e.as_str()))
        .collect();
    assert!(
        wrongly_named.is_empty(),
        "owners who submitted are not named: {wrongly_named:?}"
    );

    // With no SMTP configured everything went to the outbox, which the admin can read.
    let queued: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mail_queue WHERE status <> 'outbox'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(queued, 0);
    let cookie = app.signed_in_to(T, Role::Admin).await;
    let outbox = cookie.get(&format!("/t/{T}/admin/outbox")).await;
    assert_eq!(outbox.status, StatusCode::OK);
    assert!(outbox.body.contains("I udbakken") && outbox.body.contains("Påmindelse"));
}

#[sqlx::test]
async fn a_failed_send_is_retried_later(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    // An SMTP server that is not there: every send fails.
    let mailer = Mailer::from_settings(
        Some("smtp://127.0.0.1:1"),
        "Retning <noreply@retning.invalid>",
    )
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let (queued, delivered) = worker::run_once(&pool, &mailer, "https://retning.example", day)
        .await
        .unwrap();
    assert!(queued > 0);
    assert_eq!(delivered, 0);
    let (attempts, later): (i32, bool) = sqlx::query_as(
        "SELECT min(attempts), bool_and(next_attempt_at > now() AND status = 'queued' AND last_error IS NOT NULL) FROM mail_queue",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(attempts, 1);
    assert!(later, "each failed mail waits before its next attempt");
    // Not due yet: a second pass tries nothing.
    let (_, delivered) = worker::run_once(&pool, &mailer, "https://retning.example", day)
        .await
        .unwrap();
    assert_eq!(delivered, 0);
    let attempts: i32 = sqlx::query_scalar("SELECT max(attempts) FROM mail_queue")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(attempts, 1);
}

#[sqlx::test]
async fn each_mail_is_written_in_the_recipients_saved_language(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let base = "https://retning.example";
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    // One owner, and one of the secretariat, chose English; everyone else never chose.
    let owners: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.email FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN tenants t ON t.id = f.tenant_id JOIN users u ON u.id = f.owner_id
         WHERE t.slug = $1 AND r.state = 'open' AND f.review_state IN ('draft', 'returned') ORDER BY u.email",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(owners.len() >= 2, "two owners who have not submitted");
    let (english, danish) = (&owners[0], &owners[1]);
    let secretary: String = sqlx::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND m.role = 'secretariat' AND m.is_active AND u.is_active ORDER BY u.email LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    sqlx::query("UPDATE users SET locale = 'en' WHERE email = ANY($1)")
        .bind(vec![english.clone(), secretary.clone()])
        .execute(&admin)
        .await
        .unwrap();

    for date in ["2026-12-01", "2027-01-08", "2027-01-16"] {
        worker::run_once(&pool, &Mailer::Outbox, base, day(date))
            .await
            .unwrap();
    }
    let mail = |to: String, kind: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "SELECT q.subject, q.body FROM mail_queue q JOIN tenants t ON t.id = q.tenant_id
                 WHERE t.slug = $1 AND q.kind = $2 AND q.to_email = $3",
            )
            .bind(T)
            .bind(kind)
            .bind(&to)
            .fetch_one(&admin)
            .await
            .unwrap_or_else(|e| panic!("{kind} to {to}: {e}"))
        }
    };

    let (subject, body) = mail(english.clone(), "round_opened").await;
    assert!(
        subject.starts_with("Follow-up ")
            && subject.contains("please write your follow-up by 15/01/2027"),
        "{subject}"
    );
    assert!(
        body.starts_with("Dear ") && body.contains("has opened. You are responsible for"),
        "{body}"
    );
    assert!(body.ends_with("Kind regards\nThe secretariat"), "{body}");
    assert!(body.contains(&format!("{base}/t/{T}/my")));

    let (subject, body) = mail(danish.clone(), "round_opened").await;
    assert!(
        subject.starts_with("Opfølgning ")
            && subject.contains("skriv din opfølgning senest 15.01.2027"),
        "{subject}"
    );
    assert!(
        body.starts_with("Kære ") && body.contains("er åbnet. Du er ansvarlig for"),
        "{body}"
    );
    assert!(body.ends_with("Venlig hilsen\nSekretariatet"), "{body}");

    let (subject, body) = mail(english.clone(), "reminder_7_days").await;
    assert!(subject.starts_with("Reminder: follow-up "), "{subject}");
    assert!(
        body.contains("to submit in the round") && body.contains("The deadline is 15/01/2027."),
        "{body}"
    );
    let (subject, _) = mail(danish.clone(), "reminder_7_days").await;
    assert!(subject.starts_with("Påmindelse: opfølgning "), "{subject}");

    let (subject, body) = mail(secretary, "missing_summary").await;
    assert!(
        subject.contains("not submitted by the deadline"),
        "{subject}"
    );
    assert!(
        body.starts_with("Dear ") && body.contains("These owners have not yet submitted:"),
        "{body}"
    );
    assert!(body.contains(english.as_str()) && body.contains(danish.as_str()));
}

/// A stand-in SMTP server on a local port: answers every command as a real one would and
/// records each message's envelope recipients and its text.
async fn smtp_server() -> (
    u16,
    std::sync::Arc<std::sync::Mutex<Vec<(Vec<String>, String)>>>,
) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let (mut to, mut data, mut in_data) = (Vec::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if in_data {
                        if line == "." {
                            in_data = false;
                            store
                                .lock()
                                .unwrap()
                                .push((std::mem::take(&mut to), std::mem::take(&mut data)));
                            b"250 queued\r\n"
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                            continue;
                        }
                    } else {
                        let upper = line.to_ascii_uppercase();
                        if upper.starts_with("RCPT TO:") {
                            to.push(line[8..].trim().to_string());
                            b"250 OK\r\n"
                        } else if upper.starts_with("DATA") {
                            in_data = true;
                            b"354 go ahead\r\n"
                        } else if upper.starts_with("QUIT") {
                            write.write_all(b"221 bye\r\n").await.ok();
                            return;
                        } else {
                            b"250 OK\r\n"
                        }
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, received)
}

/// Issue 11: a reminder never reached "Lund, Karina": the address was written as text and read
/// back, and the comma made it two addresses. The mailbox is now built from name and address.
#[sqlx::test]
async fn a_reminder_reaches_a_person_whose_name_has_a_comma(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let email: String = sqlx::query_scalar(
        "UPDATE users SET display_name = 'Lund, Karina'
         WHERE id = (SELECT f.owner_id FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
                     JOIN tenants t ON t.id = f.tenant_id
                     WHERE t.slug = $1 AND r.state = 'open' AND f.review_state = 'draft' AND f.owner_id IS NOT NULL
                     ORDER BY f.id LIMIT 1)
         RETURNING email",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let (port, received) = smtp_server().await;
    let mailer = Mailer::from_settings(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "Retning <noreply@retning.invalid>",
    )
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    worker::run_once(&pool, &mailer, "https://retning.example", day)
        .await
        .unwrap();

    let (status, error): (String, Option<String>) = sqlx::query_as(
        "SELECT status, last_error FROM mail_queue WHERE to_email = $1 AND kind = 'round_opened'",
    )
    .bind(&email)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(status, "sent", "delivered, not retried: {error:?}");
    let received = received.lock().unwrap().clone();
    let (_, message) = received
        .iter()
        .find(|(to, _)| to.iter().any(|t| *t == format!("<{email}>")))
        .unwrap_or_else(|| panic!("the server got a mail for {email}: {received:?}"));
    let to = message
        .lines()
        .find_map(|l| l.strip_prefix("To: "))
        .expect("a To header");
    let (name, address) = to.rsplit_once(' ').expect("name and address");
    assert_eq!(address, format!("<{email}>"), "one address: {to}");
    assert_eq!(display_name(name), "Lund, Karina", "{to}");
}

/// A header's display name as a mail program shows it: quoted ("Lund, Karina") or an RFC 2047
/// encoded word (=?utf-8?b?…?=, which lettre writes for names with a comma).
fn display_name(raw: &str) -> String {
    if let Some(quoted) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        return quoted.replace("\\\"", "\"");
    }
    let Some(encoded) = raw
        .strip_prefix("=?utf-8?b?")
        .and_then(|r| r.strip_suffix("?="))
    else {
        return raw.to_string();
    };
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut bytes = Vec::new();
    for c in encoded.bytes().filter(|c| *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c).expect("base64") as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    String::from_utf8(bytes).expect("utf-8")
}

//! Credentials belong to the person (issue 11, points 1 and 7): no one acting in one municipality
//! can act as a person of another, one-time links go only to the person (or the operator's own
//! terminal without SMTP), and no link reaches the log. Each test signs in as the parties after the
//! flow and reads what they see.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use common::{Client, DEMO_PASSWORD, Role, TestApp, form};
use retning::mail::Mailer;
use retning::reminders::worker;
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const A: &str = "sonderborg";
const OTHER: &str = "skanderborg";
const BASE: &str = "http://127.0.0.1:8080";

/// The text of the page's status notice.
fn notice(body: &str) -> String {
    let start = body
        .find(r#"class="notice" role="status">"#)
        .unwrap_or_else(|| panic!("no notice on the page:\n{body}"));
    let rest = &body[start..];
    rest[..rest.find("</p>").unwrap()].to_string()
}

/// The users list's row that shows `email`.
fn row<'a>(body: &'a str, email: &str) -> &'a str {
    let at = body
        .find(&format!(r#"<span class="meta">{email}</span>"#))
        .unwrap_or_else(|| panic!("{email} is not in the list"));
    let start = body[..at].rfind("<tr").unwrap();
    let end = at + body[at..].find("</tr>").unwrap();
    &body[start..end]
}

/// Every one-time link in `text`, as paths ("/set-password/…").
fn set_password_paths(text: &str) -> Vec<String> {
    text.match_indices("/set-password/")
        .map(|(at, _)| {
            text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '-')
                .collect()
        })
        .collect()
}

/// Waits until `sql` counts `expected`: "Glemt adgangskode?" makes its link after answering.
async fn eventually(admin: &PgPool, sql: &str, expected: i64) {
    let mut n = -1;
    for _ in 0..200 {
        n = sqlx::query_scalar(sql).fetch_one(admin).await.unwrap();
        if n == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{sql}: {n}, never {expected}");
}

async fn user_id(admin: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(admin)
        .await
        .unwrap()
}

async fn invite(cookie: &Client, email: &str, name: &str, role: &str) -> String {
    let page = cookie
        .post(
            &format!("/t/{A}/admin/users/invite"),
            &[("email", email), ("name", name), ("role", role)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "invite {email}: {}", page.body);
    page.body
}

#[sqlx::test]
async fn inviting_another_municipalitys_admin_reveals_nothing_and_hands_over_nothing(
    admin: PgPool,
) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let a_admin = app.signed_in_to(A, Role::Admin).await;
    // The attack of the issue: Sønderborg's admin invites Skanderborg's admin's address.
    let victim = common::member_email(&admin, OTHER, "admin").await;
    let victim_name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE email = $1")
        .bind(&victim)
        .fetch_one(&admin)
        .await
        .unwrap();
    let victim_id = user_id(&admin, &victim).await;
    let already: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.user_id = $2",
    )
    .bind(A)
    .bind(victim_id)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(already, 0, "the victim must not be in Sønderborg already");
    // For comparison, an address that has no account, invited the same way.
    let fresh = "helt.ny@sonderborg.example";

    let probe_page = invite(&a_admin, &victim, "Prøve Person", "contributor").await;
    let fresh_page = invite(&a_admin, fresh, "Ny Person", "contributor").await;
    let fresh_id = user_id(&admin, fresh).await;
    let same = |text: &str, email: &str, name: &str, id: Uuid| {
        text.replace(email, "EMAIL")
            .replace(name, "NAME")
            .replace(&id.to_string(), "ID")
    };
    // The same notice, word for word, apart from what the admin typed.
    assert_eq!(
        same(&notice(&probe_page), &victim, "Prøve Person", victim_id),
        same(&notice(&fresh_page), fresh, "Ny Person", fresh_id),
    );
    // The same list row: the typed name, "Inviteret", never signed in.
    assert_eq!(
        same(
            row(&fresh_page, &victim),
            &victim,
            "Prøve Person",
            victim_id
        ),
        same(row(&fresh_page, fresh), fresh, "Ny Person", fresh_id),
    );
    assert!(row(&fresh_page, &victim).contains("Inviteret"));
    for page in [&probe_page, &fresh_page] {
        assert!(
            !page.contains("/set-password/"),
            "a link on the admin's page"
        );
        assert!(
            !page.contains(&victim_name),
            "the real name on the admin's page"
        );
    }

    // "Ny adgangskode-link" for each: a mail to the person, the same page for both.
    let edit = |id: Uuid| format!("/t/{A}/admin/users/{id}");
    let mut pages = Vec::new();
    for (id, email, name) in [
        (victim_id, victim.as_str(), "Prøve Person"),
        (fresh_id, fresh, "Ny Person"),
    ] {
        let shown = a_admin.get(&edit(id)).await;
        assert_eq!(shown.status, StatusCode::OK);
        let sent = a_admin
            .post_raw(&format!("{}/reset-link", edit(id)), "")
            .await;
        assert_eq!(sent.status, StatusCode::OK);
        assert!(!sent.body.contains("/set-password/"));
        assert!(notice(&sent.body).contains(&format!("En e-mail til {email} er på vej.")));
        pages.push((
            same(&shown.body, email, name, id),
            same(&sent.body, email, name, id),
        ));
    }
    assert_eq!(pages[0], pages[1], "the person's pages differ by account");

    // No page of Sønderborg, nor its outbox, carries a link or the victim's name.
    for uri in [
        format!("/t/{A}/admin/users"),
        edit(victim_id),
        edit(fresh_id),
        format!("/t/{A}/admin/outbox"),
        format!("/t/{A}/admin/audit"),
        format!("/t/{A}/people"),
        format!("/t/{A}/people/{victim_id}"),
        format!("/t/{A}/"),
    ] {
        let page = a_admin.get(&uri).await;
        assert!(
            page.status == StatusCode::OK || uri.ends_with(&victim_id.to_string()),
            "{uri}: {}",
            page.status
        );
        assert!(!page.body.contains("/set-password/"), "{uri} shows a link");
        assert!(
            !page.body.contains(&victim_name),
            "{uri} shows the real name"
        );
    }
    let in_outbox: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mail_queue WHERE body LIKE '%/set-password/%'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(in_outbox, 0);

    // Nothing exists that could set the victim's password: no token at all, only notices to them.
    let tokens: i64 = sqlx::query_scalar("SELECT count(*) FROM user_tokens WHERE user_id = $1")
        .bind(victim_id)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(tokens, 0);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM account_mails WHERE user_id = $1 ORDER BY created_at")
            .bind(victim_id)
            .fetch_all(&admin)
            .await
            .unwrap();
    assert_eq!(kinds, ["added_to_tenant", "added_to_tenant"]);
    // The new address's invitation has its link, in the mail only; the operator can read it.
    let mails = retning::operator::account_mails(&pool, Some(fresh))
        .await
        .unwrap();
    assert_eq!(set_password_paths(&mails).len(), 1, "{mails}");
    let victim_mails = retning::operator::account_mails(&pool, Some(&victim))
        .await
        .unwrap();
    assert!(victim_mails.contains(&format!("{BASE}/invitations")));
    assert!(set_password_paths(&victim_mails).is_empty());

    // The victim's own password still works, and signing in leads to the invitation that waits;
    // Sønderborg waits for their answer.
    let signed_in = app
        .anonymous()
        .post(
            "/login",
            &[("email", victim.as_str()), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/invitations");
    let own = app.with_cookie(&signed_in.session_cookie().expect("a session cookie"));
    assert_eq!(
        own.get(&format!("/t/{OTHER}/admin/users")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        own.get(&format!("/t/{A}/")).await.status,
        StatusCode::NOT_FOUND
    );
    let invitations = own.get("/invitations").await;
    assert!(
        invitations.body.contains("Sønderborg Kommune") && invitations.body.contains("Bidragyder")
    );
    let accepted = own
        .post("/invitations", &[("tenant", A), ("answer", "accept")])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_eq!(accepted.location(), format!("/t/{A}/"));
    // Both municipalities, each with its own role.
    let front = own.get("/").await;
    let skanderborg = &front.body[front.body.find("Skanderborg Kommune").unwrap()..];
    let sonderborg = &front.body[front.body.find("Sønderborg Kommune").unwrap()..];
    assert!(skanderborg[..skanderborg.find("</li>").unwrap()].contains("Administrator"));
    assert!(sonderborg[..sonderborg.find("</li>").unwrap()].contains("Bidragyder"));
    assert_eq!(own.get(&format!("/t/{A}/")).await.status, StatusCode::OK);
    assert_eq!(
        own.get(&format!("/t/{A}/admin/users")).await.status,
        StatusCode::NOT_FOUND,
        "a contributor in Sønderborg, not its admin"
    );
    // Sønderborg's admin is still just Sønderborg's admin.
    assert_eq!(
        a_admin.get(&format!("/t/{OTHER}/")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test]
async fn a_new_address_gets_its_link_by_mail_and_signs_in_with_the_invited_role(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let a_admin = app.signed_in_to(A, Role::Admin).await;
    let email = "ny.styregruppe@sonderborg.example";
    let page = invite(&a_admin, email, "Ny Styregruppe", "steering").await;
    assert!(
        !page.contains("/set-password/"),
        "the link is never on the admin's page"
    );

    let mails = retning::operator::account_mails(&pool, Some(email))
        .await
        .unwrap();
    let paths = set_password_paths(&mails);
    assert_eq!(paths.len(), 1, "one link, in the mail: {mails}");
    let path = &paths[0];
    assert!(mails.contains("Du er inviteret til Sønderborg Kommune i Retning"));
    assert_eq!(
        app.anonymous()
            .post("/login", &[("email", email), ("password", "x")])
            .await
            .status,
        StatusCode::UNAUTHORIZED,
        "no password before the invitation is used"
    );
    let form_page = app.anonymous().get(path).await;
    assert_eq!(form_page.status, StatusCode::OK);
    assert!(
        form_page.body.contains("Sønderborg Kommune"),
        "says what it joins"
    );
    let password = "Tre grønne frøer på Alsion";
    let done = app
        .anonymous()
        .post(
            path,
            &[
                ("display_name", "Ny Styregruppe"),
                ("password", password),
                ("repeat", password),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let again = app
        .anonymous()
        .post(
            path,
            &[
                ("display_name", "Ny Styregruppe"),
                ("password", password),
                ("repeat", password),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");
    // The used link's mail no longer holds it.
    assert!(
        set_password_paths(
            &retning::operator::account_mails(&pool, Some(email))
                .await
                .unwrap()
        )
        .is_empty()
    );

    let cookie = app.sign_in(email, password).await;
    let front = cookie.get("/").await;
    assert!(front.body.contains("Sønderborg Kommune") && front.body.contains("Styregruppe"));
    assert_eq!(cookie.get(&format!("/t/{A}/")).await.status, StatusCode::OK);
    assert_eq!(
        cookie.get(&format!("/t/{A}/admin/users")).await.status,
        StatusCode::NOT_FOUND
    );
    // Now a member who has joined: the admin's list shows them as active.
    let list = a_admin.get(&format!("/t/{A}/admin/users")).await;
    assert!(row(&list.body, email).contains("Aktiv"));
}

#[sqlx::test]
async fn a_withdrawn_or_declined_invitation_gives_no_access(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let a_admin = app.signed_in_to(A, Role::Admin).await;
    let person = common::member_email(&admin, OTHER, "viewer").await;
    let person_id = user_id(&admin, &person).await;
    invite(&a_admin, &person, "Nogen", "viewer").await;
    let withdrawn = a_admin
        .post_raw(&format!("/t/{A}/admin/users/{person_id}/deactivate"), "")
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    let own = app.sign_in(&person, DEMO_PASSWORD).await;
    assert!(
        !own.get("/invitations")
            .await
            .body
            .contains("Sønderborg Kommune")
    );
    own.post("/invitations", &[("tenant", A), ("answer", "accept")])
        .await;
    assert_eq!(
        own.get(&format!("/t/{A}/")).await.status,
        StatusCode::NOT_FOUND
    );

    // Sent again, then declined: still no access, and the municipality never sees the account's name.
    let again = a_admin
        .post_raw(&format!("/t/{A}/admin/users/{person_id}/reset-link"), "")
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(
        own.get("/invitations")
            .await
            .body
            .contains("Sønderborg Kommune")
    );
    let declined = own
        .post("/invitations", &[("tenant", A), ("answer", "decline")])
        .await;
    assert_eq!(declined.location(), "/invitations?declined=1");
    assert_eq!(
        own.get(&format!("/t/{A}/")).await.status,
        StatusCode::NOT_FOUND
    );
    let real_name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(person_id)
        .fetch_one(&admin)
        .await
        .unwrap();
    for uri in [format!("/t/{A}/admin/users"), format!("/t/{A}/admin/audit")] {
        let page = a_admin.get(&uri).await;
        assert!(!page.body.contains(&real_name), "{uri} shows the real name");
    }
}

async fn forgot(app: &axum::Router, email: &str, ip: Option<&str>) -> common::Page {
    let mut request = Request::builder()
        .method("POST")
        .uri("/forgot-password")
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(ip) = ip {
        let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
        request = request.extension(ConnectInfo(addr));
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(form(&[("email", email)]))).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    common::Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

#[sqlx::test]
async fn forgot_password_answers_alike_mails_only_the_person_and_ends_their_sessions(
    admin: PgPool,
) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let person = common::member_email(&admin, A, "contributor").await;
    let nobody = "ingen.konto@nowhere.example";
    let login = app.anonymous().get("/login").await;
    assert!(login.body.contains(r#"href="/forgot-password""#));
    assert!(app.anonymous().get("/forgot-password").await.status == StatusCode::OK);
    // The person is signed in somewhere else (say, a stolen session).
    let elsewhere = app.sign_in(&person, DEMO_PASSWORD).await;
    let rows = |sql: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&admin)
                .await
                .unwrap()
        }
    };
    let tokens_before = rows("SELECT count(*) FROM user_tokens").await;

    let known = forgot(&app.router, &person, None).await;
    let unknown = forgot(&app.router, nobody, None).await;
    for page in [&known, &unknown] {
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.location(), "/forgot-password?sent=1");
        assert!(page.headers.get("set-cookie").is_none());
    }
    assert_eq!(known.body, unknown.body);
    let sent = app.anonymous().get(known.location()).await;
    assert!(sent.body.contains("Hvis adressen har en konto i Retning"));
    // Exactly one mail, to the person; for the unknown address nothing but its rate-limit row.
    eventually(&admin, "SELECT count(*) FROM account_mails", 1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rows("SELECT count(*) FROM account_mails").await, 1);
    assert_eq!(
        rows("SELECT count(*) FROM user_tokens").await,
        tokens_before + 1
    );
    let mails = retning::operator::account_mails(&pool, Some(&person))
        .await
        .unwrap();
    assert_eq!(set_password_paths(&mails).len(), 1);
    assert_eq!(
        rows("SELECT count(*) FROM users WHERE email LIKE 'ingen.konto%'").await,
        0
    );
    assert_eq!(
        rows("SELECT count(*) FROM audit_events WHERE summary LIKE '%ingen.konto%' OR after::text LIKE '%ingen.konto%'").await,
        0
    );
    assert_eq!(rows("SELECT count(*) FROM password_link_requests").await, 2);

    // Three an hour per address, known or not; the fourth is refused alike.
    for _ in 0..2 {
        assert_eq!(
            forgot(&app.router, &person, None).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            forgot(&app.router, nobody, None).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let known = forgot(&app.router, &person, None).await;
    let unknown = forgot(&app.router, nobody, None).await;
    assert_eq!(known.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(unknown.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        known.body.replace(&person, "E"),
        unknown.body.replace(nobody, "E")
    );
    eventually(&admin, "SELECT count(*) FROM account_mails", 3).await;
    // Each new link replaced the last: one mail waits, with the newest link.
    let mails = retning::operator::account_mails(&pool, Some(&person))
        .await
        .unwrap();
    let paths = set_password_paths(&mails);
    assert_eq!(paths.len(), 1, "{mails}");

    // Twenty an hour per IP address, whatever the addresses.
    for n in 0..20 {
        let page = forgot(
            &app.router,
            &format!("probe{n}@nowhere.example"),
            Some("192.0.2.7"),
        )
        .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "request {n}");
    }
    let blocked = forgot(&app.router, "one.more@nowhere.example", Some("192.0.2.7")).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let other_ip = forgot(&app.router, "one.more@nowhere.example", Some("192.0.2.8")).await;
    assert_eq!(other_ip.status, StatusCode::SEE_OTHER);

    // The link sets a new password and ends every other session of the person.
    let new_password = "Solen går ned over Als Fjord";
    let done = app
        .anonymous()
        .post(
            &paths[0],
            &[("password", new_password), ("repeat", new_password)],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let stolen = elsewhere.get(&format!("/t/{A}/")).await;
    assert_eq!(stolen.status, StatusCode::SEE_OTHER);
    assert!(stolen.location().starts_with("/login"));
    assert_eq!(
        app.anonymous()
            .post("/login", &[("email", &person), ("password", DEMO_PASSWORD)])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let cookie = app.sign_in(&person, new_password).await;
    assert_eq!(cookie.get(&format!("/t/{A}/")).await.status, StatusCode::OK);
    assert_eq!(
        app.anonymous()
            .post(
                &paths[0],
                &[("password", new_password), ("repeat", new_password)]
            )
            .await
            .status,
        StatusCode::NOT_FOUND,
        "a link works once"
    );
}

/// A minimal SMTP server that accepts every mail and keeps (recipients, data).
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<(Vec<String>, String)>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = tokio::io::BufReader::new(read).lines();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut recipients = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-fake\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        recipients.push(line[8..].trim().to_string());
                        b"250 OK\r\n"
                    } else if upper == "DATA" {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(line)) = lines.next_line().await {
                            if line == "." {
                                break;
                            }
                            data.push_str(&line);
                            data.push('\n');
                        }
                        store
                            .lock()
                            .unwrap()
                            .push((std::mem::take(&mut recipients), data));
                        b"250 queued\r\n"
                    } else if upper == "QUIT" {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

#[sqlx::test]
async fn account_mails_go_to_the_person_over_smtp_and_leave_no_link_behind(admin: PgPool) {
    let app = TestApp::new(&admin).await;
    let pool = app.pool.clone();
    // A name that would redirect the mail if the address were parsed out of "Name <address>".
    let tricky = "Jensen, Anna <evil@attacker.example>";
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, locale) VALUES ($1, 'anna@kommune.example', $2, 'x', 'en')",
    )
    .bind(Uuid::now_v7())
    .bind(tricky)
    .execute(&admin)
    .await
    .unwrap();
    assert_eq!(
        forgot(&app.router, "anna@kommune.example", None)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    eventually(
        &admin,
        "SELECT count(*) FROM account_mails WHERE status = 'queued'",
        1,
    )
    .await;
    let day = chrono::Utc::now().date_naive();

    // Without SMTP the mail waits for the operator.
    let (_, delivered) = worker::run_once(&pool, &Mailer::Outbox, BASE, day)
        .await
        .unwrap();
    assert_eq!(delivered, 0);
    let waiting = retning::operator::account_mails(&pool, None).await.unwrap();
    let paths = set_password_paths(&waiting);
    assert_eq!(paths.len(), 1);
    let token = paths[0].trim_start_matches("/set-password/").to_string();
    // Written in the person's saved language.
    assert!(
        waiting.contains("Choose a new password for Retning"),
        "{waiting}"
    );

    let (port, received) = fake_smtp().await;
    let mailer = Mailer::from_settings(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "Retning <noreply@retning.invalid>",
    )
    .unwrap();
    let (_, delivered) = worker::run_once(&pool, &mailer, BASE, day).await.unwrap();
    assert_eq!(delivered, 1);
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    let (recipients, data) = &received[0];
    assert_eq!(recipients, &["<anna@kommune.example>"]);
    // Quoted-printable wraps long lines with "=\n"; the token is hex, so joining them is enough.
    assert!(data.replace("=\n", "").contains(&token), "{data}");
    assert!(data.contains("charset=utf-8"));
    // Sent: the link is gone from the database; the row stays for the operator to see it went.
    let (status, body): (String, Option<String>) =
        sqlx::query_as("SELECT status, body FROM account_mails")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!((status.as_str(), body), ("sent", None));
    assert_eq!(
        retning::operator::account_mails(&pool, None).await.unwrap(),
        "No account mails are waiting.\n"
    );

    // A link that expired unsent is cleared too.
    assert_eq!(
        forgot(&app.router, "anna@kommune.example", None)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    eventually(
        &admin,
        "SELECT count(*) FROM account_mails WHERE status = 'queued'",
        1,
    )
    .await;
    sqlx::query(
        "UPDATE account_mails SET expires_at = now() - interval '1 minute' WHERE status = 'queued'",
    )
    .execute(&admin)
    .await
    .unwrap();
    worker::run_once(&pool, &Mailer::Outbox, BASE, day)
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM account_mails WHERE body IS NOT NULL")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

/// One HTTP/1.1 request over a fresh connection: (status, headers and body as text).
fn http(addr: &str, method: &str, path: &str, cookie: Option<&str>, body: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nOrigin: http://{addr}\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n",
        body.len()
    );
    if let Some(cookie) = cookie {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response)
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[sqlx::test]
async fn the_log_of_a_real_server_never_holds_a_link(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let url = common::bin::database_url(&admin);
    let retning = || {
        let mut command = common::bin::retning();
        command
            .env("DATABASE_URL", &url)
            .env_remove("RUST_LOG")
            .env_remove("RETNING_SMTP_URL")
            // As much as the log can say: any link would be in it.
            .env("RETNING_LOG", "trace");
        command
    };
    let mut child = retning()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let log = Arc::new(Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    let mut addr = None;
    for line in BufReader::new(stdout).lines() {
        addr = common::bin::address_in(&line.unwrap());
        if addr.is_some() {
            break;
        }
    }
    let addr = addr.expect("the server printed its address");

    let admin_email = common::member_email(&admin, A, "admin").await;
    let (status, response) = http(
        &addr,
        "POST",
        "/login",
        None,
        &form(&[("email", &admin_email), ("password", DEMO_PASSWORD)]),
    );
    assert_eq!(status, 303, "{response}");
    let cookie = response
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: retning_session="))
        .map(|c| format!("retning_session={}", c.split(';').next().unwrap()))
        .expect("a session cookie");
    // Three kinds of link: an invitation, an admin's password link, a forgotten password.
    let (status, _) = http(
        &addr,
        "POST",
        &format!("/t/{A}/admin/users/invite"),
        Some(&cookie),
        &form(&[
            ("email", "log.test@sonderborg.example"),
            ("name", "Log Test"),
            ("role", "viewer"),
        ]),
    );
    assert_eq!(status, 200);
    let member = common::member_email(&admin, A, "contributor").await;
    let member_id = user_id(&admin, &member).await;
    let (status, _) = http(
        &addr,
        "POST",
        &format!("/t/{A}/admin/users/{member_id}/reset-link"),
        Some(&cookie),
        "",
    );
    assert_eq!(status, 200);
    let secretariat = common::member_email(&admin, A, "secretariat").await;
    let (status, _) = http(
        &addr,
        "POST",
        "/forgot-password",
        None,
        &form(&[("email", &secretariat)]),
    );
    assert_eq!(status, 303);
    eventually(
        &admin,
        "SELECT count(*) FROM account_mails WHERE status = 'queued'",
        3,
    )
    .await;

    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT body FROM account_mails WHERE status = 'queued'")
            .fetch_all(&admin)
            .await
            .unwrap();
    let tokens: Vec<String> = bodies
        .iter()
        .flat_map(|b| set_password_paths(b))
        .map(|p| p.trim_start_matches("/set-password/").to_string())
        .collect();
    assert_eq!(tokens.len(), 3, "{bodies:?}");

    // The operator's own channel prints them.
    let printed = common::bin::run_ok(retning().args(["user", "mails"]).env("RETNING_LOG", "warn"));
    for token in &tokens {
        assert!(printed.contains(token.as_str()), "user mails lacks a link");
    }

    // Give the log a moment to be written out, then stop the server.
    tokio::time::sleep(Duration::from_millis(500)).await;
    drop(server);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = log.lock().unwrap().clone();
    assert!(
        log.contains("one-time password link created"),
        "the log was captured:\n{log}"
    );
    assert!(!log.contains("/set-password/"), "a link in the log");
    for token in &tokens {
        assert!(!log.contains(token.as_str()), "a token in the log");
    }
}

#[sqlx::test]
async fn changing_ones_own_password_ends_the_links_still_out(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let person = common::member_email(&admin, A, "contributor").await;
    // A reset link is out (asked for by someone who knows the address), waiting in the mail.
    assert_eq!(
        forgot(&app.router, &person, None).await.status,
        StatusCode::SEE_OTHER
    );
    eventually(&admin, "SELECT count(*) FROM account_mails", 1).await;
    let mails = retning::operator::account_mails(&pool, Some(&person))
        .await
        .unwrap();
    let link = set_password_paths(&mails)
        .pop()
        .expect("a link in the mail");
    assert_eq!(app.anonymous().get(&link).await.status, StatusCode::OK);

    // The person changes their password on their own account page.
    let cookie = app.sign_in(&person, DEMO_PASSWORD).await;
    let new_password = "Grøn cykel langs Als Fjord 2031";
    let changed = cookie
        .post(
            "/account/password",
            &[
                ("current", DEMO_PASSWORD),
                ("new", new_password),
                ("repeat", new_password),
            ],
        )
        .await;
    assert!(changed.status.is_redirection(), "{}", changed.status);

    // The old link sets nothing any more, and its mail no longer holds it.
    let stale = app.anonymous().get(&link).await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND);
    let taken = app
        .anonymous()
        .post(
            &link,
            &[
                ("password", "Rød båd i Sønderborg havn 77"),
                ("repeat", "Rød båd i Sønderborg havn 77"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::NOT_FOUND);
    let waiting = retning::operator::account_mails(&pool, Some(&person))
        .await
        .unwrap();
    assert!(set_password_paths(&waiting).is_empty(), "{waiting}");
    app.sign_in(&person, new_password).await;
}

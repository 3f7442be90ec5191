//! Sign-in under a flood: the real server's memory stays bounded however many anonymous
//! sign-ins arrive at once, and the lockout counts an attempt before its password is checked, so
//! parallel guesses cannot slip past the limits.

mod common;

use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Child, Stdio};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use common::form;
use http_body_util::BodyExt;
use retning::auth::rate_limit::{ACCOUNT_MAX_FAILURES, IP_MAX_FAILURES};
use sqlx::PgPool;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// The server process; killed if the test fails before it is stopped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `retning serve` on the test's own database, listening on a free loopback port.
    async fn start(admin: &PgPool) -> Server {
        let url = common::bin::database_url(admin);
        let mut child = common::bin::retning()
            .args(["serve", "--bind", "127.0.0.1:0", "--cookie-secure", "false"])
            .env("DATABASE_URL", url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the retning binary starts");
        let stdout = child.stdout.take().unwrap();
        let line = tokio::task::spawn_blocking(move || {
            use std::io::BufRead;
            std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .find(|line| line.contains("http://"))
        })
        .await
        .unwrap()
        .expect("the server prints its address");
        let addr = common::bin::address_in(&line)
            .and_then(|addr| addr.parse().ok())
            .expect("an address after http://");
        Server { child, addr }
    }

    /// A line of /proc/<pid>/status in KiB (VmHWM: peak resident memory; VmRSS: now).
    fn memory_kib(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {field} in /proc/<pid>/status"))
    }
}

/// What came back for one raw HTTP/1.1 request.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// POST /login over a fresh connection from the loopback address `from`, so that each request
/// has an address of its own (Linux routes all of 127.0.0.0/8 to the loopback interface).
async fn post_login_from(
    server: SocketAddr,
    from: Ipv4Addr,
    email: &str,
) -> Result<Answer, String> {
    let socket = tokio::net::TcpSocket::new_v4().map_err(|e| e.to_string())?;
    socket
        .bind(SocketAddr::from((from, 0)))
        .map_err(|e| format!("bind {from}: {e}"))?;
    let mut stream = socket
        .connect(server)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let body = form(&[("email", email), ("password", "wrong horse battery staple")]);
    let request = format!(
        "POST /login HTTP/1.1\r\nHost: {server}\r\nOrigin: http://{server}\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| format!("write: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .await
        .map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("no complete answer: {text:?}"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status line: {head:?}"))?;
    Ok(Answer {
        status,
        head: head.to_string(),
        body: body.to_string(),
    })
}

const FLOOD: u32 = 200;
/// The bound for the server's peak resident memory under the flood.
const PEAK_LIMIT_KIB: u64 = 300 * 1024;

#[sqlx::test]
async fn two_hundred_concurrent_sign_ins_keep_the_server_under_300_mb(admin: PgPool) {
    let server = Server::start(&admin).await;
    let before = server.memory_kib("VmHWM:");
    let started = std::time::Instant::now();
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..FLOOD {
        let addr = server.addr;
        // 127.0.1.0 … 127.0.1.199: no address reaches the per-address limit, so only the hash
        // gate stands between the flood and the server's memory.
        let from = Ipv4Addr::new(127, 0, 1 + (i / 250) as u8, (i % 250) as u8 + 1);
        requests.spawn(async move {
            post_login_from(addr, from, &format!("flood{i}@nowhere.example")).await
        });
    }
    let mut answers = Vec::new();
    while let Some(answer) = requests.join_next().await {
        answers.push(answer.unwrap());
    }
    let elapsed = started.elapsed();
    let peak = server.memory_kib("VmHWM:");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = server.memory_kib("VmRSS:");
    let evaluated = answers
        .iter()
        .filter(|a| matches!(a, Ok(a) if a.status == 401))
        .count();
    let busy = answers
        .iter()
        .filter(|a| matches!(a, Ok(a) if a.status == 503))
        .count();
    println!(
        "{FLOOD} concurrent sign-ins in {elapsed:.1?}: VmHWM {before} kB before, {peak} kB peak, \
         VmRSS {after} kB 2 s later; {evaluated} checked (401), {busy} turned away (503)"
    );
    for answer in &answers {
        match answer {
            Err(error) => panic!("a sign-in got no answer (connection reset?): {error}"),
            Ok(a) if a.status == 401 => {
                assert!(a.body.contains("E-mail eller adgangskode er forkert."))
            }
            Ok(a) if a.status == 503 => {
                let head = a.head.to_ascii_lowercase();
                assert!(head.contains("\r\nretry-after: "), "{}", a.head);
                assert!(
                    common::unescape(&a.body).contains("Der er mange, der logger ind lige nu"),
                    "the busy answer is the sign-in page saying so: {}",
                    a.body
                );
                // The e-mail stays in the form, ready for the next try.
                assert!(a.body.contains("@nowhere.example"));
            }
            Ok(a) => panic!("unexpected answer {}: {}\n{}", a.status, a.head, a.body),
        }
    }
    assert!(evaluated > 0, "the gate lets sign-ins through");
    assert!(
        peak < PEAK_LIMIT_KIB,
        "peak resident memory {peak} kB under {FLOOD} concurrent sign-ins (limit {PEAK_LIMIT_KIB} kB)"
    );
}

/// A browser's sign-in from `ip` as the router sees it behind the real listener.
fn login_from(ip: [u8; 4], email: &str, password: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post("/login")
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .extension(ConnectInfo(SocketAddr::from((ip, 40000))))
        .body(axum::body::Body::from(form(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap()
}

/// Sends all requests at once and returns each answer's status and body, in the same order.
async fn all_at_once(
    app: &axum::Router,
    requests: Vec<axum::http::Request<axum::body::Body>>,
) -> Vec<(StatusCode, String)> {
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(requests.len()));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let app = app.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let response = app.oneshot(request).await.unwrap();
                let status = response.status();
                let body = response.into_body().collect().await.unwrap().to_bytes();
                (status, String::from_utf8_lossy(&body).into_owned())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[sqlx::test]
async fn forty_parallel_guesses_on_one_account_check_at_most_five(admin: PgPool) {
    const RIGHT: u8 = 20;
    let (app, _) = common::demo(&admin).await;
    let email = common::member_email(&admin, "sonderborg", "viewer").await;
    // 39 wrong guesses and, in the middle of them, the right password; each from an address of
    // its own, so that only the account's limit applies.
    let requests = (0..40u8)
        .map(|i| {
            let password = if i == RIGHT {
                common::DEMO_PASSWORD.to_string()
            } else {
                format!("wrong guess number {i}")
            };
            login_from([10, 1, 0, i + 1], &email, &password)
        })
        .collect();
    let answers = all_at_once(&app, requests).await;
    let wrong = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    let signed_in = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::SEE_OTHER)
        .count();
    let locked = answers
        .iter()
        .filter(|(s, body)| {
            *s == StatusCode::TOO_MANY_REQUESTS && body.contains("Kontoen er midlertidigt låst")
        })
        .count();
    let busy = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    println!(
        "40 parallel guesses: {wrong} checked and wrong, {signed_in} signed in, {locked} locked, {busy} busy"
    );
    assert_eq!(wrong + signed_in + locked + busy, 40, "{answers:?}");
    // Audit events are written after a password was checked: the database's own count.
    let (failed_events, sign_ins, sessions): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM audit_events WHERE tenant_id = t.id AND action = 'auth.sign_in_failed' AND entity_id = u.id),
                (SELECT count(*) FROM audit_events WHERE tenant_id = t.id AND action = 'auth.sign_in' AND entity_id = u.id),
                (SELECT count(*) FROM sessions WHERE user_id = u.id)
         FROM users u, tenants t WHERE u.email = $1 AND t.slug = 'sonderborg'",
    )
    .bind(&email)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(failed_events as usize, wrong);
    assert_eq!(sign_ins as usize, signed_in);
    assert_eq!(
        sessions as usize, signed_in,
        "no session without a checked password"
    );
    assert!(
        wrong + signed_in <= ACCOUNT_MAX_FAILURES as usize,
        "{} passwords were checked for one account (limit {ACCOUNT_MAX_FAILURES})",
        wrong + signed_in
    );
    assert!(wrong + signed_in > 0, "the first guesses are checked");
    if answers[RIGHT as usize].0 != StatusCode::SEE_OTHER {
        assert_eq!(
            answers[RIGHT as usize].0,
            StatusCode::TOO_MANY_REQUESTS,
            "the right password, not among the first five, finds the account locked"
        );
        assert_eq!(sign_ins, 0, "and nobody got in with it");
    }
}

#[sqlx::test]
async fn two_hundred_parallel_guesses_from_one_address_check_at_most_thirty(admin: PgPool) {
    let (app, _) = common::demo(&admin).await;
    // Spread over many accounts so that the address's limit is the one that counts.
    let requests = (0..200)
        .map(|i| {
            login_from(
                [10, 2, 0, 1],
                &format!("guess{i}@nowhere.example"),
                "wrong-password",
            )
        })
        .collect();
    let answers = all_at_once(&app, requests).await;
    let checked = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    let blocked = answers
        .iter()
        .filter(|(s, body)| {
            *s == StatusCode::TOO_MANY_REQUESTS
                && body.contains("For mange mislykkede forsøg fra din netværksadresse")
        })
        .count();
    let busy = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    println!(
        "200 parallel guesses from one address: {checked} checked, {blocked} blocked, {busy} busy"
    );
    assert_eq!(checked + blocked + busy, 200);
    assert!(
        checked <= IP_MAX_FAILURES as usize,
        "{checked} passwords were checked from one address (limit {IP_MAX_FAILURES})"
    );
    assert!(checked > 0);
    let recorded: i64 =
        sqlx::query_scalar("SELECT count(*) FROM login_failures WHERE key = 'ip:10.2.0.1'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(recorded as usize, checked);
}

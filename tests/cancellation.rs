//! A request cancelled half-way leaves nothing behind. The real `retning serve` takes a storm of
//! follow-up saves and authoring forms whose clients give up after 0–50 ms, one server with a
//! request timeout of 15 ms and one with the normal 30 s. Afterwards no pooled
//! connection of the application may sit in a transaction, neither server may have logged
//! PostgreSQL's "there is already a transaction in progress" / "there is no transaction in
//! progress", and every row written must be one whole change with its audit event, never one that
//! was answered with an error.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use sqlx::PgPool;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use uuid::Uuid;

/// What the client saw of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// The change was answered as done (303 to the page it leads to).
    Saved,
    /// Any other answer: a timeout page, a conflict, an error. Nothing may have been written.
    Refused(u16),
    /// The client went away before an answer came: either is possible, but all or nothing.
    GaveUp,
}

struct Server {
    _child: Child,
    addr: String,
    log: PathBuf,
}

/// Starts `retning serve` on the test database with its log (stderr) written to `log`.
async fn serve(database_url: &str, request_timeout: &str, log: &Path) -> Server {
    let log_file = std::fs::File::create(log).unwrap();
    let mut child = Command::from(common::bin::retning())
        .args(["serve", "--bind", "127.0.0.1:0", "--cookie-secure", "false"])
        .args(["--request-timeout", request_timeout])
        .env("DATABASE_URL", database_url)
        .env_remove("RUST_LOG")
        // The default filter: sqlx logs PostgreSQL's warnings (notices) at WARN.
        .env("RETNING_LOG", "info,sqlx=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log_file)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(addr) = common::bin::address_in(&line) {
                return addr;
            }
        }
        panic!(
            "the server exited without printing its address:\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
    })
    .await
    .expect("the server starts within a minute");
    // Keep reading stdout so that the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server {
        _child: child,
        addr,
        log: log.to_path_buf(),
    }
}

/// A number in 0..=n from fresh randomness (uuid's v4 generator; the tests have no rand crate).
fn random_up_to(n: u128) -> u64 {
    u64::try_from(Uuid::new_v4().as_u128() % (n + 1)).unwrap()
}

/// Posts `body` to `path` as a browser on the same site would, and gives up (closes the
/// connection) once `patience` has passed without the answer's status line.
async fn post(addr: &str, path: &str, cookie: &str, body: &str, patience: Duration) -> Outcome {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await?;
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nSec-Fetch-Site: same-origin\r\n\
             Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await?;
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(2).any(|w| w == b"\r\n") {
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        std::io::Result::Ok(head)
    };
    match tokio::time::timeout(patience, exchange).await {
        Err(_) => Outcome::GaveUp,
        Ok(Err(err)) => panic!("the request could not be sent: {err}"),
        Ok(Ok(head)) => {
            let head = String::from_utf8_lossy(&head);
            let status: u16 = head
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("no status line in {head:?}"));
            if status == 303 {
                Outcome::Saved
            } else {
                Outcome::Refused(status)
            }
        }
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    common::form(pairs)
}

#[sqlx::test]
async fn cancelled_requests_leave_no_transaction_and_no_half_change_behind(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;

    // The owner with the most follow-ups still open for editing, and their municipality.
    let (slug, owner_email, followups): (String, String, Vec<Uuid>) = sqlx::query_as(
        "SELECT t.slug, u.email, array_agg(f.id ORDER BY f.id)
         FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN tenants t ON t.id = f.tenant_id
         JOIN users u ON u.id = f.owner_id
         WHERE r.state = 'open' AND f.review_state IN ('draft', 'returned') AND u.password_hash IS NOT NULL
         GROUP BY t.slug, u.email ORDER BY count(*) DESC, t.slug, u.email LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .expect("the demo has a follow-up owner with open follow-ups");
    let secretariat_email = common::member_email(&admin, &slug, "secretariat").await;
    // Sessions live in the database: signing in through the router in-process gives cookies the
    // server process accepts (signing in itself takes longer than the short timeout allows).
    let app = common::app(&pool);
    let owner = common::sign_in(&app, &owner_email, common::DEMO_PASSWORD).await;
    let secretariat = common::sign_in(&app, &secretariat_email, common::DEMO_PASSWORD).await;
    let versions_before = followup_versions(&admin, &followups).await;
    // Commits take some milliseconds, as on a busy disk: checks deferred to the commit sleep for up
    // to 20 ms, so that the short timeout and the clients giving up often catch a COMMIT in flight.
    sqlx::raw_sql(
        "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN PERFORM pg_sleep(random() * 0.02); RETURN NULL; END $$;
         CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON challenges
             DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();
         CREATE CONSTRAINT TRIGGER slow_commit AFTER UPDATE ON followups
             DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();",
    )
    .execute(&admin)
    .await
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let url = common::bin::database_url(&admin);
    let hasty = serve(&url, "0.015", &dir.path().join("hasty.log")).await;
    let patient = serve(&url, "30", &dir.path().join("patient.log")).await;

    // 16 clients at once, each alternating between a follow-up save (as its owner) and creating a
    // shared problem (as the secretariat), sent to either server at random.
    let started = Instant::now();
    let mut clients = Vec::new();
    for client in 0..16usize {
        let admin = admin.clone();
        let (slug, owner, secretariat) = (slug.clone(), owner.clone(), secretariat.clone());
        let followup = followups[client % followups.len()];
        let servers = [hasty.addr.clone(), patient.addr.clone()];
        clients.push(tokio::spawn(async move {
            let mut sent = Vec::new();
            for round in 0..40usize {
                let addr = &servers[usize::from(random_up_to(1) == 1)];
                // One request in four waits for its answer, so that answers can be held against
                // what was stored; the others are given up after 0–50 ms.
                let patience = if random_up_to(3) == 0 {
                    Duration::from_secs(20)
                } else {
                    Duration::from_millis(random_up_to(50))
                };
                let nonce = Uuid::new_v4();
                if (client + round) % 2 == 0 {
                    let version: i32 =
                        sqlx::query_scalar("SELECT version FROM followups WHERE id = $1")
                            .bind(followup)
                            .fetch_one(&admin)
                            .await
                            .unwrap();
                    let body = form(&[
                        ("version", &version.to_string()),
                        ("status", "on_track"),
                        ("value", ""),
                        ("narrative", &format!("Gemt af {nonce}")),
                        ("next_steps", ""),
                        ("learned", ""),
                        ("proposal", ""),
                        ("story", ""),
                        ("action", "save"),
                    ]);
                    let path = format!("/t/{slug}/followups/{followup}");
                    let outcome = post(addr, &path, &owner, &body, patience).await;
                    sent.push((Kind::Followup, nonce, outcome));
                } else {
                    let body = form(&[
                        ("new_id", &nonce.to_string()),
                        ("version", ""),
                        ("title", &format!("Problem {nonce}")),
                        ("description", ""),
                    ]);
                    let path = format!("/t/{slug}/edit/challenges");
                    let outcome = post(addr, &path, &secretariat, &body, patience).await;
                    sent.push((Kind::Challenge, nonce, outcome));
                }
            }
            sent
        }));
    }
    let mut sent = Vec::new();
    for client in clients {
        sent.extend(client.await.unwrap());
    }
    eprintln!("{} requests in {:?}", sent.len(), started.elapsed());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (kind, _, outcome) in &sent {
        let kind = if matches!(kind, Kind::Challenge) {
            "challenge"
        } else {
            "follow-up"
        };
        *seen.entry(format!("{kind} {outcome:?}")).or_default() += 1;
    }
    eprintln!("{seen:?}");

    // Let the servers finish what the clients walked away from.
    settle(&admin).await;

    // 1. No connection of the application is left inside a transaction.
    let open: Vec<(i32, String, String)> = sqlx::query_as(
        "SELECT pid, state, query FROM pg_stat_activity
         WHERE datname = current_database() AND usename = 'retning_app' AND state <> 'idle'",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    // Every finding is collected, so that a failure shows all of what went wrong at once.
    let mut problems = Vec::new();
    if !open.is_empty() {
        problems.push(format!(
            "pooled connections left in a transaction: {open:?}"
        ));
    }

    // 2. PostgreSQL never warned about a transaction begun inside another or ended twice (sqlx logs
    // every warning PostgreSQL sends to a connection, so the servers' logs hold them all).
    for log in [&hasty.log, &patient.log] {
        let text = std::fs::read_to_string(log).unwrap();
        problems.extend(retning::bench::check_log(&text));
    }

    // 3. What was written: whole changes, each with its audit event, none that was refused.
    let count = |kind: fn(&Kind) -> bool, outcome: fn(&Outcome) -> bool| {
        sent.iter()
            .filter(|(k, _, o)| kind(k) && outcome(o))
            .count()
    };
    let is_followup = |k: &Kind| matches!(k, Kind::Followup);
    let is_challenge = |k: &Kind| matches!(k, Kind::Challenge);
    for (name, kind) in [
        ("follow-up saves", is_followup as fn(&Kind) -> bool),
        ("challenges", is_challenge),
    ] {
        let saved = count(kind, |o| *o == Outcome::Saved);
        let timed_out = count(kind, |o| *o == Outcome::Refused(408));
        let gave_up = count(kind, |o| *o == Outcome::GaveUp);
        eprintln!("{name}: {saved} saved, {timed_out} timed out, {gave_up} given up");
        // The storm really cut requests at every stage, and still let some through.
        assert!(saved > 0 && timed_out > 0 && gave_up > 0, "{name}");
    }

    // Follow-ups: every version the saves added has exactly one audit event, and the other way round.
    let audited: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT entity_id, after->>'narrative' FROM audit_events
         WHERE action = 'followup.saved' AND entity_id = ANY($1)",
    )
    .bind(&followups)
    .fetch_all(&admin)
    .await
    .unwrap();
    let versions_after = followup_versions(&admin, &followups).await;
    for id in &followups {
        let events = audited.iter().filter(|(f, _)| f == id).count();
        let added = versions_after[id] - versions_before[id];
        if usize::try_from(added).unwrap() != events {
            problems.push(format!(
                "follow-up {id}: {added} new versions but {events} audit events"
            ));
        }
        let narrative: Option<String> =
            sqlx::query_scalar("SELECT narrative FROM followups WHERE id = $1")
                .bind(id)
                .fetch_one(&admin)
                .await
                .unwrap();
        if events > 0
            && !audited
                .iter()
                .any(|(f, n)| f == id && Some(n) == narrative.as_ref())
        {
            problems.push(format!(
                "follow-up {id}: the stored text {narrative:?} has no audit event"
            ));
        }
    }
    let saved_texts: HashSet<String> = audited.into_iter().map(|(_, n)| n).collect();

    // Challenges: the ones created are exactly the ones with a creation event.
    let minted: Vec<Uuid> = sent
        .iter()
        .filter(|(k, _, _)| is_challenge(k))
        .map(|(_, n, _)| *n)
        .collect();
    let created: HashSet<Uuid> = sqlx::query_scalar("SELECT id FROM challenges WHERE id = ANY($1)")
        .bind(&minted)
        .fetch_all(&admin)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let create_events: Vec<Uuid> = sqlx::query_scalar(
        "SELECT entity_id FROM audit_events WHERE action = 'item.created' AND entity = 'challenge' AND entity_id = ANY($1)",
    )
    .bind(&minted)
    .fetch_all(&admin)
    .await
    .unwrap();
    if create_events.len() != created.len()
        || create_events.iter().copied().collect::<HashSet<_>>() != created
    {
        problems.push(format!(
            "{} challenges created, {} creation events, not one to one",
            created.len(),
            create_events.len()
        ));
    }

    // Each request against what was stored: answered as saved means stored, refused means not.
    for (kind, nonce, outcome) in &sent {
        let stored = match kind {
            Kind::Followup => saved_texts.contains(&format!("Gemt af {nonce}")),
            Kind::Challenge => created.contains(nonce),
        };
        match outcome {
            Outcome::Saved if !stored => {
                problems.push(format!(
                    "{kind:?} {nonce} was answered as saved but not stored"
                ));
            }
            Outcome::Refused(status) if stored => problems.push(format!(
                "{kind:?} {nonce} was answered with {status} but stored all the same"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Followup,
    Challenge,
}

async fn followup_versions(admin: &PgPool, ids: &[Uuid]) -> HashMap<Uuid, i32> {
    sqlx::query_as::<_, (Uuid, i32)>("SELECT id, version FROM followups WHERE id = ANY($1)")
        .bind(ids)
        .fetch_all(admin)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

/// Waits until no statement of the application is running any more (at most 10 s), then a little
/// longer, so that a connection still inside a transaction is one that was left there.
async fn settle(admin: &PgPool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let busy: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND usename = 'retning_app'
               AND (state = 'active' OR state_change > now() - interval '300 milliseconds')",
        )
        .fetch_one(admin)
        .await
        .unwrap();
        if busy == 0 || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The benchmark's load on the dashboard at 16 connections: wrk closes its connections with
/// requests in flight at the end of every run, which cancels them wherever they are.
#[sqlx::test]
async fn the_benchmarks_dashboard_runs_at_16_connections_leave_no_warning(admin: PgPool) {
    use retning::bench::{dataset, load};
    let pool = common::app_pool(&admin).await;
    let plan = dataset::Plan {
        large: retning::testdata::Size::SMALL,
        small: retning::testdata::Size::SMALL,
        small_tenants: 1,
        measured: retning::testdata::Size::SMALL,
    };
    dataset::generate(&pool, &plan).await.unwrap();
    let tenant = dataset::prepare(&pool, dataset::LARGE_SLUG, 1)
        .await
        .unwrap();
    let cookie = common::sign_in(&common::app(&pool), &tenant.email, dataset::PASSWORD).await;

    let dir = tempfile::tempdir().unwrap();
    let server = serve(
        &common::bin::database_url(&admin),
        "30",
        &dir.path().join("server.log"),
    )
    .await;
    let script = dir.path().join("wrk.lua");
    std::fs::write(&script, load::SCRIPT).unwrap();
    let base_url = format!("http://{}", server.addr);
    let mut requests = 0;
    for _ in 0..4 {
        let result = load::run(&load::Run {
            wrk: Path::new("wrk"),
            script: &script,
            base_url: &base_url,
            connections: 16,
            duration: Duration::from_secs(1),
            headers: vec![("Cookie".to_string(), cookie.clone())],
            load: load::Load::Get {
                path: format!("/t/{}/dashboard", tenant.slug),
            },
        })
        .await
        .expect("wrk runs (scripts/test installs it)");
        requests += result.responses;
    }
    eprintln!("{requests} dashboards at 16 connections");
    assert!(requests > 0);
    settle(&admin).await;
    let log = std::fs::read_to_string(&server.log).unwrap();
    assert_eq!(retning::bench::check_log(&log), None);
}

/// A pooled connection must come back as the pool made it. Transactions end before that (above);
/// settings must end with them: every `set_config` on the application's connections is
/// transaction-local, and no statement sets, resets or discards anything for the session, changes
/// the `search_path` or prepares statements by hand (sqlx's own prepared statements are the pool's
/// mode).
#[test]
fn no_statement_changes_the_session() {
    fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "the sources are found");
    // Start-up's own connection as the schema owner (migrations, the app role's password) is
    // closed after it and never pooled: its session settings end with it.
    let owner_only = [src.join("db/roles.rs")];
    files.retain(|f| !owner_only.contains(f));
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lower = text.to_lowercase();
        for (at, _) in lower.match_indices("set_config(") {
            let call: String = lower[at..].chars().take_while(|c| *c != ')').collect();
            if !call.trim_end().ends_with("true") {
                found.push(format!("{}: {call})", file.display()));
            }
        }
        // A statement is what a string literal begins with (after its opening quote).
        for literal in lower.split('"').skip(1) {
            let statement = literal.trim_start();
            for word in ["set ", "reset ", "discard ", "prepare ", "deallocate "] {
                if statement.starts_with(word) && !statement.starts_with("set local ") {
                    let first: String = statement.chars().take(80).collect();
                    found.push(format!("{}: {first}", file.display()));
                }
            }
        }
        if lower.contains("search_path") {
            found.push(format!("{}: search_path", file.display()));
        }
    }
    assert!(found.is_empty(), "session-level settings: {found:#?}");
}

//! The `retning serve` process as clients and operators meet it: connections that send nothing
//! are closed, secrets stay out of its log, a database outage answers 503 and heals, and several
//! instances can start against one database at once.
//!
//! Each test runs the real binary against a PostgreSQL cluster of its own, which the test starts,
//! stops and starts again (Retning's own launcher, `db::embedded`, reached through DATABASE_URL).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::bin::run_ok;
use retning::db::embedded::EmbeddedPostgres;
use retning::i18n::{Lang, try_lookup};

const PASSWORD: &str = "Fjordhest-Kanelsnegl-47";

/// A PostgreSQL cluster owned by the test; stopped when dropped, also when the test fails.
struct Cluster {
    runtime: tokio::runtime::Runtime,
    data_dir: PathBuf,
    running: Option<EmbeddedPostgres>,
    url: String,
}

impl Cluster {
    fn start(dir: &Path) -> Self {
        // When the tests run as root the cluster runs as `postgres`, which must be able to enter.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let data_dir = dir.join("postgres");
        let cluster = runtime
            .block_on(EmbeddedPostgres::start(&data_dir))
            .expect("the test's PostgreSQL starts");
        Self {
            url: cluster.owner_url(),
            runtime,
            data_dir,
            running: Some(cluster),
        }
    }

    fn stop(&mut self) {
        if let Some(cluster) = self.running.take() {
            self.runtime.block_on(cluster.stop());
        }
        assert!(!self.data_dir.join("postmaster.pid").exists());
    }

    fn start_again(&mut self) {
        let cluster = self
            .runtime
            .block_on(EmbeddedPostgres::start(&self.data_dir))
            .expect("the test's PostgreSQL starts again");
        self.running = Some(cluster);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(cluster) = self.running.take() {
            self.runtime.block_on(cluster.stop());
        }
    }
}

fn retning(database_url: &str) -> Command {
    let mut command = common::bin::retning();
    command
        .env("DATABASE_URL", database_url)
        .env_remove("RUST_LOG")
        .env_remove("RETNING_BASE_URL");
    command
}

/// `retning serve` on a free port, its log (stderr) going to a file; killed if a test fails.
struct Server {
    child: Option<Child>,
    addr: String,
    log: PathBuf,
    /// Kept open: a closed pipe would make a later line on stdout fail in the server.
    _stdout: std::process::ChildStdout,
}

impl Server {
    fn start(database_url: &str, dir: &Path, log_filter: &str, args: &[&str]) -> Self {
        let log = dir.join("server.log");
        let mut child = retning(database_url)
            .env("RETNING_LOG", log_filter)
            .args(["serve", "--bind", "127.0.0.1:0", "--cookie-secure", "false"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        // "Retning runs on http://127.0.0.1:PORT  (stop it with Ctrl-C)"
        let mut printed = Vec::new();
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).unwrap_or(0) == 1 {
            printed.push(byte[0]);
            if byte[0] == b'\n' && String::from_utf8_lossy(&printed).contains("http://") {
                break;
            }
        }
        let mut server = Server {
            child: Some(child),
            addr: String::new(),
            log,
            _stdout: stdout,
        };
        let printed = String::from_utf8_lossy(&printed).into_owned();
        let Some(rest) = printed.split("http://").nth(1) else {
            panic!(
                "the server never printed its address:\n{printed}\n{}",
                server.log_text()
            );
        };
        server.addr = rest.split_whitespace().next().unwrap().to_string();
        server
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Ctrl-C, and wait until the process has exited in order.
    fn interrupt(&mut self) {
        self.send_ctrl_c();
        self.wait_for_exit();
    }

    fn send_ctrl_c(&self) {
        let child = self.child.as_ref().expect("a running server");
        // SAFETY: kill with the pid of our own child and a standard signal.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    }

    fn wait_for_exit(&mut self) {
        let mut child = self.child.take().expect("a running server");
        let status = child.wait().unwrap();
        assert!(status.success(), "the server exits cleanly on Ctrl-C");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    /// "retning_session=…" from Set-Cookie.
    fn session_cookie(&self) -> String {
        self.head
            .lines()
            .filter_map(|line| line.split_once(':'))
            .filter(|(key, _)| key.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, value)| value.trim())
            .find(|value| {
                value.starts_with("retning_session=") && !value.starts_with("retning_session=;")
            })
            .and_then(|value| value.split(';').next())
            .unwrap_or_else(|| panic!("no session cookie in:\n{}", self.head))
            .to_string()
    }
}

/// One request over plain HTTP/1.1 as a same-site browser sends it (the connection then closes).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    let body = form.unwrap_or("");
    if method == "POST" {
        head.push_str(&format!(
            "Origin: http://{addr}\r\nSec-Fetch-Site: same-origin\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {raw:?}"));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        head: head.to_string(),
        body,
    }
}

fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.push_str(&tail[..size]);
        rest = &tail[size + 2..];
    }
    body
}

fn get(addr: &str, path: &str, cookie: Option<&str>) -> Response {
    request(addr, "GET", path, cookie, None)
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// As the operator and the new admin would: a municipality, its first admin by one-time link,
/// the password set through the link, and signing in. Returns the link and the session cookie.
fn first_admin(database_url: &str, addr: &str) -> (String, String) {
    run_ok(retning(database_url).args([
        "tenant",
        "create",
        "--slug",
        "aabenraa",
        "--name",
        "Aabenraa Kommune",
    ]));
    let printed = run_ok(
        retning(database_url)
            .args([
                "user",
                "create",
                "--tenant",
                "aabenraa",
                "--email",
                "anna@aabenraa.example",
            ])
            .args(["--name", "Anna Admin"])
            .env("RETNING_BASE_URL", format!("http://{addr}")),
    );
    let link = printed
        .split_whitespace()
        .find(|word| word.contains("/set-password/"))
        .unwrap_or_else(|| panic!("no link in: {printed}"))
        .to_string();
    let path = &link[link.find("/set-password/").unwrap()..];

    let page = get(addr, path, None);
    assert_eq!(page.status, 200, "{}", page.body);
    let page = request(
        addr,
        "POST",
        path,
        None,
        Some(&form(&[("password", PASSWORD), ("repeat", PASSWORD)])),
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let page = request(
        addr,
        "POST",
        "/login",
        None,
        Some(&form(&[
            ("email", "anna@aabenraa.example"),
            ("password", PASSWORD),
        ])),
    );
    assert_eq!(page.status, 303, "sign-in failed: {}", page.body);
    (link, page.session_cookie())
}

fn text(key: &str) -> String {
    try_lookup(Lang::Da, key).unwrap_or_else(|| panic!("{key} missing"))
}

#[test]
fn tokens_and_passwords_never_reach_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = Cluster::start(dir.path());
    // Info logs one line per request; sqlx's debug level logs every SQL statement as well.
    let db_password = "Rolle-Kodeord-8141";
    let mut server = Server::start(
        &cluster.url,
        dir.path(),
        "info,sqlx=debug",
        &["--app-db-password", db_password],
    );
    let (link, cookie) = first_admin(&cluster.url, &server.addr);
    let token = link.rsplit('/').next().unwrap().to_string();
    assert!(token.len() >= 20, "a real token: {token}");
    // The link once more (now used up), also with a query string.
    let page = get(
        &server.addr,
        &format!("/set-password/{token}?t={token}"),
        None,
    );
    assert_eq!(page.status, 404);
    let sessions = get(&server.addr, "/account/sessions", Some(&cookie));
    assert_eq!(sessions.status, 200);
    // The peer address still reaches the handlers (ConnectInfo), here as the session's IP.
    assert!(sessions.body.contains("127.0.0.1"), "{}", sessions.body);
    server.interrupt();

    let log = server.log_text();
    // Neither the token nor the session id ever reaches the log…
    assert!(!log.contains(&token), "the token is in the log:\n{log}");
    let session_id = cookie.split('=').nth(1).unwrap();
    assert!(
        !log.contains(session_id),
        "the session id is in the log:\n{log}"
    );
    assert!(
        !log.contains(db_password),
        "the database password is in the log:\n{log}"
    );
    // …though every request is logged, by its route.
    assert!(
        log.contains("/set-password/{token}") && log.contains("/account/sessions"),
        "request lines missing from the log:\n{log}"
    );
}

#[test]
fn a_database_outage_answers_503_and_the_server_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let mut cluster = Cluster::start(dir.path());
    let server = Server::start(&cluster.url, dir.path(), "warn", &[]);
    let addr = server.addr.clone();
    let (link, cookie) = first_admin(&cluster.url, &addr);
    let link_path = &link[link.find("/set-password/").unwrap()..];
    let home = get(&addr, "/t/aabenraa/", Some(&cookie));
    assert_eq!(home.status, 200, "{}", home.body);

    cluster.stop();
    let heading = text("error-unavailable-heading");
    let message = text("error-unavailable-message");
    let mut answers = Vec::new();
    for (what, page) in [
        ("one-time link", get(&addr, link_path, None)),
        (
            "municipality, signed in",
            get(&addr, "/t/aabenraa/", Some(&cookie)),
        ),
        ("account, signed in", get(&addr, "/account", Some(&cookie))),
        (
            "sign-in",
            request(
                &addr,
                "POST",
                "/login",
                None,
                Some(&form(&[
                    ("email", "anna@aabenraa.example"),
                    ("password", PASSWORD),
                ])),
            ),
        ),
    ] {
        answers.push(format!("{what}: {}", page.status));
        assert_eq!(page.status, 503, "{what} during the outage:\n{}", page.body);
        assert!(
            page.body.contains(&heading) && page.body.contains(&message),
            "{what}: not the unavailable page:\n{}",
            page.body
        );
    }
    // The anonymous front page needs no database at all.
    assert_eq!(get(&addr, "/", None).status, 200);
    let ready = get(&addr, "/readyz", Some(&cookie));
    assert_eq!(ready.status, 503, "readiness during the outage");
    // Liveness needs neither the database nor the session, even with a session cookie.
    let alive = get(&addr, "/healthz", Some(&cookie));
    assert_eq!(
        alive.status, 200,
        "liveness during the outage: {}",
        alive.body
    );
    eprintln!("during the outage: {answers:?}");

    cluster.start_again();
    // The pool replaces its broken connections: the same session works again.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let home = get(&addr, "/t/aabenraa/", Some(&cookie));
        if home.status == 200 {
            break;
        }
        assert_ne!(home.status, 500, "{}", home.body);
        assert!(
            Instant::now() < deadline,
            "still {} after the restart",
            home.status
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(get(&addr, "/readyz", None).status, 200);
    assert!(
        !server.log_text().contains("request failed"),
        "an outage is not logged as a failure of the code:\n{}",
        server.log_text()
    );
}

/// Whether the server has closed the connection (reading what it may have sent first, such as
/// a 408 for an unfinished request).
fn closed_by_server(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 1024];
    let mut reader = stream;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(_) => return true,
        }
    }
}

/// Waits until every stream is closed by the server; returns how long that took.
fn all_closed_within(streams: &[TcpStream], limit: Duration, what: &str) -> Duration {
    let start = Instant::now();
    loop {
        let open = streams.iter().filter(|s| !closed_by_server(s)).count();
        if open == 0 {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < limit,
            "{open} of {} {what} connections still open after {limit:?}",
            streams.len()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn idle_slow_and_surplus_connections_are_closed_and_shutdown_lets_requests_finish() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = Cluster::start(dir.path());
    let mut server = Server::start(
        &cluster.url,
        dir.path(),
        "warn",
        &["--http-header-timeout", "2", "--http-max-connections", "20"],
    );
    let addr = &server.addr.clone();

    // 30 connections that send nothing: 20 are kept (for now), the other 10 closed at once.
    let idle: Vec<TcpStream> = (0..30).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let held = idle.iter().filter(|s| !closed_by_server(s)).count();
    assert_eq!(held, 20, "connections held beyond the cap of 20");
    // The others are closed once the header timeout (2 s) runs out.
    let took = all_closed_within(&idle, Duration::from_secs(5), "idle");
    eprintln!("idle connections closed after {took:?}");

    // Slowloris: headers one line at a time, never finished.
    let mut slow: Vec<TcpStream> = (0..5).map(|_| TcpStream::connect(addr).unwrap()).collect();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        for stream in &mut slow {
            let _ = stream.write_all(b"X-Slow: 1\r\n");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let _ = write!(slow[0], "GET /healthz HTTP/1.1\r\n");
    let took = all_closed_within(&slow, Duration::from_secs(3), "slowloris");
    eprintln!("slowloris connections closed {took:?} after 3 s of trickling");

    // Keep-alive: two requests on one connection, then silence closes it too.
    let mut kept = TcpStream::connect(addr).unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    for _ in 0..2 {
        write!(kept, "GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut buf = [0u8; 1024];
        let n = kept.read(&mut buf).unwrap();
        let answer = String::from_utf8_lossy(&buf[..n]);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("ok"), "one whole answer: {answer}");
    }
    let took = all_closed_within(
        std::slice::from_ref(&kept),
        Duration::from_secs(5),
        "kept-alive",
    );
    eprintln!("kept-alive connection closed after {took:?} idle");

    // Every slot is free again.
    let many: Vec<Response> = (0..25).map(|_| get(addr, "/healthz", None)).collect();
    assert!(many.iter().all(|r| r.status == 200 && r.body == "ok"));

    // Ctrl-C while a request is in flight (its handler waits for the rest of the form): new
    // connections are refused at once, and the request still gets its answer.
    let body = form(&[
        ("email", "nobody@example.dk"),
        ("password", "not-the-password"),
    ]);
    let mut in_flight = TcpStream::connect(addr).unwrap();
    in_flight
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        in_flight,
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.send_ctrl_c();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        TcpStream::connect(addr).is_err(),
        "a new connection after Ctrl-C"
    );
    in_flight.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    in_flight.read_to_string(&mut answer).unwrap();
    assert!(
        // The sign-in form again with its error, the address filled in: the whole form arrived.
        answer.starts_with("HTTP/1.1 401") && answer.contains("value=\"nobody@example.dk\""),
        "the request in flight was not answered: {answer:?}"
    );
    server.wait_for_exit();
}

#[test]
fn five_instances_set_up_one_database_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = Cluster::start(dir.path());
    // An empty database, then restarts of a set-up one: both ran into "tuple concurrently updated".
    for round in ["empty database", "restart", "restart again"] {
        let children: Vec<Child> = (0..5)
            .map(|_| {
                retning(&cluster.url)
                    .arg("migrate")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{round}: an instance failed to start:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

//! The `retning` binary as an operator uses it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::bin::{address_in, run_ok};
use std::time::{Duration, Instant};

fn retning() -> Command {
    let mut command = common::bin::retning();
    command.env_remove("DATABASE_URL");
    command
}

#[test]
fn help_explains_every_command() {
    let out = retning().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for command in ["serve", "migrate", "import", "export", "demo"] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
    let serve =
        String::from_utf8(retning().args(["serve", "--help"]).output().unwrap().stdout).unwrap();
    assert!(
        serve.contains("--bind")
            && serve.contains("RETNING_BIND")
            && serve.contains("127.0.0.1:8080")
    );
}

#[test]
fn a_broken_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, "format = 1\n\n[tenant]\nname = \"X\"\n\n[strategy]\nkey = \"x\"\ntitle = \"X\"\nperiod_start = 2025-02-30\n").unwrap();
    let out = retning()
        .args(["import", "--dry-run", "--tenant", "x"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("broken.toml") && stderr.contains("line 9"),
        "{stderr}"
    );
}

/// GET over plain HTTP/1.1, enough for a smoke test without an HTTP client dependency.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response)
}

/// The server process; killed if a test fails before it was stopped in order.
struct Server(Option<Child>);

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn start_server(data_dir: &Path, demo: bool) -> (Server, String) {
    let mut command = retning();
    command
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir);
    if demo {
        command.arg("--demo");
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let server = Server(Some(child));
    let mut printed = String::new();
    for line in lines {
        let line = line.unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if let Some(addr) = address_in(&line) {
            if demo {
                // The run command prints the demo users and their password before the address.
                assert!(printed.contains(retning::demo::DEMO_PASSWORD), "{printed}");
                assert!(
                    printed.contains(retning::demo::SHARED_DEMO_USER),
                    "{printed}"
                );
                for role in [
                    "Administrator",
                    "Sekretariat",
                    "Styregruppe",
                    "Bidragyder",
                    "Læser",
                ] {
                    assert!(printed.contains(role), "{role} missing:\n{printed}");
                }
            }
            return (server, addr);
        }
    }
    panic!("the server never printed its address:\n{printed}");
}

fn interrupt_and_wait(mut server: Server) {
    let mut child = server.0.take().expect("a running server");
    // SAFETY: kill with a valid pid of our own child and a standard signal.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "the server exits cleanly on Ctrl-C: {status}"
            );
            return;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_with_demo_data_then_ctrl_c_then_start_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data_dir = dir.path().join("postgres");

    let (server, addr) = start_server(&data_dir, true);
    let (status, body) = http_get(&addr, "/login");
    assert_eq!(status, 200);
    assert!(body.contains("Log ind"));
    let (status, _) = http_get(&addr, "/t/sonderborg/");
    assert_eq!(status, 303, "municipality pages need sign-in");
    interrupt_and_wait(server);
    assert!(
        !data_dir.join("postmaster.pid").exists(),
        "Ctrl-C leaves no PostgreSQL running"
    );

    // The data is still there without loading the demo again.
    let (server, addr) = start_server(&data_dir, false);
    let (status, _) = http_get(&addr, "/readyz");
    assert_eq!(status, 200);
    interrupt_and_wait(server);

    // export and import work against the same embedded cluster.
    let exported = run_ok(
        retning()
            .args(["export", "--tenant", "skanderborg", "--data-dir"])
            .arg(&data_dir),
    );
    assert!(exported.contains("title = \"Direktionens UdviklingsSpor (DUS) 2024-25\""));
    let file = dir.path().join("skanderborg.toml");
    std::fs::write(&file, &exported).unwrap();
    let out = run_ok(
        retning()
            .args(["import", "--tenant", "skanderborg-kopi", "--data-dir"])
            .arg(&data_dir)
            .arg(&file),
    );
    assert!(out.contains("skanderborg-kopi: imported"));

    // The operator creates a municipality and its first admin, who gets a one-time link.
    run_ok(
        retning()
            .args([
                "tenant",
                "create",
                "--slug",
                "aabenraa",
                "--name",
                "Aabenraa Kommune",
                "--data-dir",
            ])
            .arg(&data_dir),
    );
    let out = run_ok(
        retning()
            .args([
                "user",
                "create",
                "--tenant",
                "aabenraa",
                "--email",
                "admin@aabenraa.example",
                "--name",
                "Anna Admin",
            ])
            .arg("--data-dir")
            .arg(&data_dir),
    );
    assert!(out.contains("http://127.0.0.1:8080/set-password/"));
    assert!(!data_dir.join("postmaster.pid").exists());
}

#[test]
fn the_operators_commands_leave_a_running_server_running() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data_dir = dir.path().join("postgres");
    let (server, addr) = start_server(&data_dir, false);

    // The operator works on the server's own cluster while it runs.
    run_ok(
        retning()
            .args([
                "tenant",
                "create",
                "--slug",
                "vejle",
                "--name",
                "Vejle Kommune",
            ])
            .arg("--data-dir")
            .arg(&data_dir),
    );
    let printed = run_ok(
        retning()
            .args(["user", "create", "--tenant", "vejle"])
            .args(["--email", "admin@vejle.example", "--name", "Vera Admin"])
            .arg("--data-dir")
            .arg(&data_dir)
            // The same setting as the server's, read from the same variable.
            .env("RETNING_BASE_URL", "https://retning.vejle.example/"),
    );
    assert!(
        printed.contains("https://retning.vejle.example/set-password/"),
        "{printed}"
    );

    // The server still has its database, and the new municipality is there.
    let (status, _) = http_get(&addr, "/readyz");
    assert_eq!(status, 200, "the database went away under the server");
    let (status, _) = http_get(&addr, "/login");
    assert_eq!(status, 200);
    assert!(data_dir.join("postmaster.pid").exists());

    // The server started the cluster, so its Ctrl-C stops it.
    interrupt_and_wait(server);
    assert!(!data_dir.join("postmaster.pid").exists());
}

//! The real `retning` binary, for the tests whose property is about the process (its command
//! line, its log, its memory, its connections).

use std::process::Command;

use sqlx::PgPool;

/// `retning` with the log at WARN; each test adds the environment it needs.
pub fn retning() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_retning"));
    command.env("RETNING_LOG", "warn");
    command
}

/// Runs `command` to the end, asserts that it succeeded (showing its stderr if not) and returns
/// what it printed on stdout.
pub fn run_ok(command: &mut Command) -> String {
    let out = command.output().expect("the retning binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// The address in the line `retning serve` prints when it listens
/// ("Retning runs on http://127.0.0.1:PORT  (stop it with Ctrl-C)").
pub fn address_in(line: &str) -> Option<String> {
    let rest = line.split("http://").nth(1)?;
    Some(rest.split_whitespace().next()?.to_string())
}

/// The URL of the test's own database (the one `#[sqlx::test]` made), for a server process.
pub fn database_url(admin: &PgPool) -> String {
    let options = admin.connect_options();
    let database = options
        .get_database()
        .expect("sqlx::test names the database");
    match options.get_socket() {
        Some(socket) => format!(
            "postgres://{}@localhost:{}/{database}?host={}",
            options.get_username(),
            options.get_port(),
            socket.display()
        ),
        None => format!(
            "postgres://{}@{}:{}/{database}",
            options.get_username(),
            options.get_host(),
            options.get_port()
        ),
    }
}

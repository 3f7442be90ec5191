//! The load: wrk, a second process, over loopback, one connection per wrk thread, running the
//! request script `wrk.lua` for a fixed time.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;
use tokio::process::Command;

/// The request script, written next to the bench's data so wrk can read it.
pub const SCRIPT: &str = include_str!("wrk.lua");

/// The form fields of a save after the version: a valid draft save of a percentage sub-goal.
pub const SAVE_FORM: &str = "status=on_track&value=42%2C5&narrative=Arbejdet+skrider+frem+som+planlagt.&next_steps=Vi+f%C3%B8lger+op+i+n%C3%A6ste+runde.&learned=&proposal=&story=&action=save";

/// What one wrk run sends.
#[derive(Debug, Clone)]
pub enum Load {
    /// GET of `path`, answered with 200.
    Get { path: String },
    /// Draft saves of follow-up forms, one follow-up per connection: (path, current version).
    Save { targets: Vec<(String, i32)> },
}

/// One wrk run.
#[derive(Debug, Clone)]
pub struct Run<'a> {
    pub wrk: &'a Path,
    pub script: &'a Path,
    pub base_url: &'a str,
    pub connections: usize,
    pub duration: Duration,
    /// Extra request headers (cookie, authorization, origin…).
    pub headers: Vec<(String, String)>,
    pub load: Load,
}

/// What the script's done() prints.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct WrkResult {
    pub requests: u64,
    pub duration_us: u64,
    pub bytes: u64,
    pub errors: WrkErrors,
    pub latency_us: Latency,
    pub responses: u64,
    pub unexpected: u64,
    pub first_unexpected: String,
    pub statements: u64,
    pub statement_responses: u64,
    pub statements_min: i64,
    pub statements_max: i64,
    pub body_bytes: u64,
    pub saved: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
pub struct WrkErrors {
    pub connect: u64,
    pub read: u64,
    pub write: u64,
    pub status: u64,
    pub timeout: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
pub struct Latency {
    pub mean: f64,
    pub max: u64,
    pub p50: u64,
    pub p95: u64,
    pub p99: u64,
}

impl WrkResult {
    /// Requests that failed: socket errors, timeouts, and answers other than a correct one
    /// (a 3xx to the login page is as wrong as a 500).
    pub fn errors(&self) -> u64 {
        let e = &self.errors;
        e.connect + e.read + e.write + e.timeout + self.unexpected
    }
}

/// Finds the script's result line in wrk's output.
pub fn parse_output(stdout: &str) -> anyhow::Result<WrkResult> {
    let line = stdout
        .lines()
        .find_map(|line| line.strip_prefix("BENCH_RESULT "))
        .context("wrk printed no BENCH_RESULT line")?;
    serde_json::from_str(line).with_context(|| format!("unreadable wrk result: {line}"))
}

pub async fn run(run: &Run<'_>) -> anyhow::Result<WrkResult> {
    let threads = run.connections.max(1).to_string();
    let mut command = Command::new(run.wrk);
    command
        .args(["-t", &threads, "-c", &threads, "--timeout", "10s"])
        .arg("-d")
        // wrk takes whole seconds (or minutes, hours) only.
        .arg(format!("{}s", run.duration.as_secs().max(1)))
        .arg("-s")
        .arg(run.script)
        .arg(run.base_url)
        .env(
            "BENCH_HEADERS",
            run.headers
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .kill_on_drop(true);
    match &run.load {
        Load::Get { path } => {
            command
                .env("BENCH_METHOD", "GET")
                .env("BENCH_PATH", path)
                .env("BENCH_EXPECT", "200");
        }
        Load::Save { targets } => {
            if targets.len() < run.connections {
                bail!(
                    "{} follow-ups to save for {} connections",
                    targets.len(),
                    run.connections
                );
            }
            let saves = targets
                .iter()
                .map(|(path, version)| format!("{path} {version}"))
                .collect::<Vec<_>>()
                .join("\n");
            command
                .env("BENCH_METHOD", "POST")
                .env("BENCH_SAVES", saves)
                .env("BENCH_SAVE_FORM", SAVE_FORM)
                .env("BENCH_EXPECT", "303");
        }
    }
    let output = command
        .output()
        .await
        .with_context(|| format!("could not run {}", run.wrk.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "wrk failed ({}):\n{}\n{}",
            output.status,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    parse_output(&stdout)
}

/// wrk's version line ("wrk 4.1.0 [epoll] …"), for the report.
pub async fn version(wrk: &Path) -> String {
    // `wrk -v` prints its version and usage, and exits non-zero.
    match Command::new(wrk).arg("-v").output().await {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr);
            text.lines()
                .find(|l| l.starts_with("wrk "))
                .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
                .unwrap_or_else(|| "wrk (version unknown)".to_string())
        }
        Err(_) => "wrk (not found)".to_string(),
    }
}

//! The server under load: the release binary's `retning serve`, as its own process on the bench's
//! embedded cluster, answering each request with its SQL statement count.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::body::Bytes;
use axum::http::{Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    pub pid: u32,
    pub client: Client,
    log: PathBuf,
}

/// Plain HTTP to the server, for what comes before the load (readiness, signing in).
#[derive(Clone)]
pub struct Client {
    pub base_url: String,
    http: HyperClient<HttpConnector, Full<Bytes>>,
}

impl Server {
    /// Starts `binary serve` on `port` with the cluster in `data_dir` (already running), and waits
    /// until it answers /readyz.
    pub async fn start(
        binary: &Path,
        data_dir: &Path,
        port: u16,
        log: &Path,
        cache_mib: usize,
    ) -> anyhow::Result<Self> {
        let base_url = format!("http://127.0.0.1:{port}");
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .with_context(|| format!("could not create {}", log.display()))?;
        let child = Command::new(binary)
            .args([
                "serve",
                "--count-sql-statements",
                "--cookie-secure",
                "false",
            ])
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--base-url")
            .arg(&base_url)
            .arg("--snapshot-cache-mib")
            .arg(cache_mib.to_string())
            .env("RETNING_DATA_DIR", data_dir)
            .env_remove("DATABASE_URL")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("could not start {}", binary.display()))?;
        let pid = child.id().context("the server exited at once")?;
        let mut server = Self {
            child,
            pid,
            client: Client::new(base_url),
            log: log.to_path_buf(),
        };
        server.wait_until_ready().await?;
        Ok(server)
    }

    async fn wait_until_ready(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited ({status}):\n{}", self.log_tail());
            }
            if self.client.is_ready().await {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("the server did not become ready:\n{}", self.log_tail())
    }

    /// The server's peak resident memory so far (VmHWM), in KiB.
    pub fn peak_rss_kib(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .context("no VmHWM in /proc/<pid>/status")
    }

    /// CPU time the server process has used so far (user + system), in milliseconds.
    pub fn cpu_ms(&self) -> anyhow::Result<f64> {
        process_cpu_ms(self.pid)
    }

    /// Starts a new peak-memory measurement (VmHWM drops to the current RSS; see proc(5), clear_refs).
    pub fn reset_peak_rss(&self) -> anyhow::Result<()> {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid), "5")
            .context("could not reset the server's peak RSS")
    }

    /// Stops the server as an operator would (SIGTERM), which also stops the embedded cluster.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        let pid = libc::pid_t::try_from(self.pid)?;
        // SAFETY: kill has no memory-safety preconditions; pid is our own child's.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
        match tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await {
            Ok(status) => {
                status?;
            }
            Err(_) => {
                self.child.kill().await?;
                bail!("the server did not stop within 60 s of SIGTERM");
            }
        }
        Ok(())
    }

    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Client {
    pub fn new(base_url: String) -> Self {
        Self {
            base_url,
            http: HyperClient::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Whether the server answers /readyz with 200 (it is up and reaches its database).
    pub async fn is_ready(&self) -> bool {
        let Ok(request) =
            Request::get(format!("{}/readyz", self.base_url)).body(Full::new(Bytes::new()))
        else {
            return false;
        };
        matches!(self.http.request(request).await, Ok(r) if r.status() == StatusCode::OK)
    }

    /// Signs in through the real /login form, as a browser on the same site, and returns the
    /// session cookie ("retning_session=…").
    pub async fn sign_in(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("email", email)
            .append_pair("password", password)
            .finish();
        let request = Request::post(format!("{}/login", self.base_url))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, &self.base_url)
            .header("sec-fetch-site", "same-origin")
            .body(Full::new(Bytes::from(body)))?;
        let response = self.http.request(request).await?;
        let status = response.status();
        let cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("retning_session=") && !c.starts_with("retning_session=;"))
            .map(|c| c.split(';').next().unwrap_or_default().to_string());
        let body = response.into_body().collect().await?.to_bytes();
        match (status, cookie) {
            (StatusCode::SEE_OTHER, Some(cookie)) => Ok(cookie),
            _ => bail!(
                "signing in as {email} failed ({status}): {}",
                String::from_utf8_lossy(&body)
                    .chars()
                    .take(500)
                    .collect::<String>()
            ),
        }
    }
}

/// Clock ticks of user and system time of a process, from /proc/<pid>/stat, in milliseconds.
pub fn process_cpu_ms(pid: u32) -> anyhow::Result<f64> {
    // utime and stime are fields 14 and 15 of stat(5).
    stat_ticks_ms(pid, 11..13)
}

/// Like [`process_cpu_ms`], plus the CPU time of the children the process has already waited for
/// (cutime and cstime, fields 16 and 17 of stat(5)).
fn process_and_reaped_children_cpu_ms(pid: u32) -> anyhow::Result<f64> {
    stat_ticks_ms(pid, 11..15)
}

/// The sum of the given fields of /proc/<pid>/stat, counted from after the state, as milliseconds.
fn stat_ticks_ms(pid: u32, fields_after_state: std::ops::Range<usize>) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name is in parentheses and may hold spaces: fields count from after it.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .context("unreadable /proc/<pid>/stat")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields
        .get(fields_after_state)
        .context("short /proc/<pid>/stat")?
        .iter()
        .map(|f| f.parse::<f64>().unwrap_or(0.0))
        .sum();
    // SAFETY: sysconf has no memory-safety preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    Ok(ticks * 1000.0 / hz)
}

/// CPU time used so far by every process of the PostgreSQL cluster whose postmaster is `pid`
/// (its backends and helpers), in milliseconds. A backend that exits between two readings would
/// take its CPU time out of a sum over the living processes only (a negative figure, as a pooled
/// connection closed under load once gave): the postmaster's reaped-children time keeps it in.
pub fn cluster_cpu_ms(postmaster: u32) -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    let mut total = process_and_reaped_children_cpu_ms(postmaster).unwrap_or(0.0);
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if parent == Some(postmaster) {
            total += process_cpu_ms(pid).unwrap_or(0.0);
        }
    }
    total
}

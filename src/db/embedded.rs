//! A private PostgreSQL cluster started from the system's PostgreSQL binaries, so that Retning
//! runs with no database set up beforehand.
//!
//! The cluster listens only on a unix socket in a directory that only its owner can enter, and
//! trusts that socket; no TCP port is opened. PostgreSQL refuses to run as root, so when Retning
//! runs as root the cluster runs as the unprivileged system user `postgres`.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::postgres::PgConnectOptions;
use tokio::process::Command;

/// Name of the cluster's superuser, which owns the schema.
const OWNER_ROLE: &str = "retning_owner";
const DATABASE: &str = "retning";
const PORT: u16 = 5432;
/// Unix socket paths are limited to about 107 bytes.
const MAX_SOCKET_DIR_LEN: usize = 90;

const INSTALL_HINT: &str = "PostgreSQL's server binaries (initdb, pg_ctl, postgres) were not found on PATH or \
under /usr/lib/postgresql/*/bin.\nInstall them with:\n\n    sudo apt-get install -y postgresql\n\n\
or set DATABASE_URL to use an existing PostgreSQL server.";

pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    socket_dir: PathBuf,
    run_as: Option<SystemUser>,
    /// Whether this process started the cluster. Only then may it stop it: a cluster found
    /// running belongs to another Retning process (typically the server) that still uses it.
    started_here: bool,
}

#[derive(Debug, Clone, Copy)]
struct SystemUser {
    uid: u32,
    gid: u32,
}

impl EmbeddedPostgres {
    /// Initialises the cluster on first use, starts it, and makes sure the database exists.
    pub async fn start(data_dir: &Path) -> anyhow::Result<Self> {
        let bin_dir = find_bin_dir().context(INSTALL_HINT)?;
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("could not create {}", data_dir.display()))?;
        let data_dir = data_dir
            .canonicalize()
            .with_context(|| format!("could not resolve {}", data_dir.display()))?;
        let run_as = if is_root() {
            Some(postgres_system_user()?)
        } else {
            None
        };
        let socket_dir = socket_dir_for(&data_dir);
        let mut cluster = Self {
            bin_dir,
            data_dir,
            socket_dir,
            run_as,
            started_here: false,
        };
        cluster.prepare_dirs()?;
        if !cluster.data_dir.join("PG_VERSION").exists() {
            cluster.initdb().await?;
        }
        if cluster.is_running().await {
            tracing::info!(data_dir = %cluster.data_dir.display(), "embedded PostgreSQL is already running; using it and leaving it running");
        } else {
            cluster.pg_ctl_start().await?;
            cluster.started_here = true;
        }
        cluster.ensure_database().await?;
        Ok(cluster)
    }

    pub fn owner_connect_options(&self) -> PgConnectOptions {
        self.connect_options(DATABASE)
    }

    fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .port(PORT)
            .username(OWNER_ROLE)
            .database(database)
            .application_name("retning")
    }

    /// The URL of the cluster's database as its owner (over the unix socket), e.g. for
    /// DATABASE_URL of another process.
    pub fn owner_url(&self) -> String {
        format!(
            "postgres://{OWNER_ROLE}@localhost:{PORT}/{DATABASE}?host={}",
            self.socket_dir.display()
        )
    }

    /// Stops the cluster and waits until it is down ("fast": open sessions are rolled back) —
    /// if this process started it; a cluster that was already running is left running.
    pub async fn stop(self) {
        if !self.started_here {
            tracing::info!(data_dir = %self.data_dir.display(), "leaving the embedded PostgreSQL running for the process that started it");
            return;
        }
        let result = self
            .command("pg_ctl")
            .arg("stop")
            .arg("-D")
            .arg(&self.data_dir)
            .args(["-m", "fast", "-w", "-t", "60"])
            .output()
            .await;
        match result {
            Ok(out) if out.status.success() => tracing::info!("embedded PostgreSQL stopped"),
            Ok(out) => {
                tracing::error!(stderr = %String::from_utf8_lossy(&out.stderr), "pg_ctl stop failed")
            }
            Err(err) => tracing::error!(%err, "could not run pg_ctl stop"),
        }
    }

    fn prepare_dirs(&self) -> anyhow::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(&self.socket_dir)
            .with_context(|| format!("could not create {}", self.socket_dir.display()))?;
        for dir in [&self.data_dir, &self.socket_dir] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("could not set permissions on {}", dir.display()))?;
            if let Some(user) = self.run_as {
                std::os::unix::fs::chown(dir, Some(user.uid), Some(user.gid)).with_context(
                    || format!("could not hand {} to the postgres user", dir.display()),
                )?;
            }
        }
        if self.run_as.is_some() {
            check_traversable(&self.data_dir)?;
        }
        Ok(())
    }

    async fn initdb(&self) -> anyhow::Result<()> {
        tracing::info!(data_dir = %self.data_dir.display(), "initialising the embedded PostgreSQL cluster");
        let out = self
            .command("initdb")
            .arg("-D")
            .arg(&self.data_dir)
            .args([
                "-U",
                OWNER_ROLE,
                "-E",
                "UTF8",
                "--locale=C",
                "--auth-local=trust",
                "--auth-host=reject",
            ])
            .output()
            .await
            .context("could not run initdb")?;
        if !out.status.success() {
            bail!("initdb failed:\n{}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(())
    }

    async fn is_running(&self) -> bool {
        let status = self
            .command("pg_ctl")
            .arg("status")
            .arg("-D")
            .arg(&self.data_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .await;
        matches!(status, Ok(s) if s.success())
    }

    async fn pg_ctl_start(&self) -> anyhow::Result<()> {
        let log_file = self.data_dir.join("server.log");
        let server_options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{}' -c port={PORT} -c unix_socket_permissions=0700",
            self.socket_dir.display()
        );
        let out = self
            .command("pg_ctl")
            .arg("start")
            .arg("-D")
            .arg(&self.data_dir)
            .arg("-l")
            .arg(&log_file)
            .args(["-w", "-t", "60", "-o", &server_options])
            .stdin(Stdio::null())
            // Its own process group: a Ctrl-C in the terminal reaches Retning, which then stops
            // the cluster in order, instead of reaching PostgreSQL directly.
            .process_group(0)
            .output()
            .await
            .context("could not run pg_ctl start")?;
        if !out.status.success() {
            let log_tail = std::fs::read_to_string(&log_file).unwrap_or_default();
            let log_tail: String = log_tail
                .lines()
                .rev()
                .take(15)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n");
            bail!(
                "the embedded PostgreSQL did not start:\n{}\n{}",
                String::from_utf8_lossy(&out.stderr),
                log_tail
            );
        }
        tracing::info!(data_dir = %self.data_dir.display(), "embedded PostgreSQL started");
        Ok(())
    }

    async fn ensure_database(&self) -> anyhow::Result<()> {
        use sqlx::Connection;
        let mut conn = connect_with_retry(self.connect_options("postgres")).await?;
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(DATABASE)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            sqlx::raw_sql(&format!("CREATE DATABASE {DATABASE}"))
                .execute(&mut conn)
                .await?;
        }
        conn.close().await?;
        Ok(())
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(self.bin_dir.join(program));
        command.kill_on_drop(false);
        if let Some(user) = self.run_as {
            command.uid(user.uid).gid(user.gid);
            // initdb/pg_ctl must not inherit root's working directory, which the postgres user may not enter.
            command.current_dir("/");
        }
        command
    }
}

async fn connect_with_retry(options: PgConnectOptions) -> anyhow::Result<sqlx::PgConnection> {
    use sqlx::ConnectOptions;
    let mut last_error = None;
    for _ in 0..50 {
        match options.connect().await {
            Ok(conn) => return Ok(conn),
            Err(err) => {
                last_error = Some(err);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    Err(last_error
        .map(anyhow::Error::from)
        .unwrap_or_else(|| anyhow::anyhow!("no connection")))
    .context("could not connect to the embedded PostgreSQL")
}

/// Finds the directory with initdb, pg_ctl and postgres: on PATH, else the newest
/// /usr/lib/postgresql/*/bin (Debian keeps the server binaries there, off PATH).
fn find_bin_dir() -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_all(&dir) {
                return Some(dir);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            has_all(&bin).then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn socket_dir_for(data_dir: &Path) -> PathBuf {
    // Beside the data directory, not in it: initdb wants an empty directory.
    let mut name = data_dir.file_name().unwrap_or_default().to_os_string();
    name.push("-socket");
    let beside = data_dir.with_file_name(name);
    if beside.as_os_str().len() <= MAX_SOCKET_DIR_LEN {
        return beside;
    }
    // Too long for a socket path: use a short directory named after the data directory instead.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&data_dir, &mut hasher);
    std::env::temp_dir().join(format!(
        "retning-pg-{:016x}",
        std::hash::Hasher::finish(&hasher)
    ))
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn postgres_system_user() -> anyhow::Result<SystemUser> {
    let name = c"postgres";
    // SAFETY: getpwnam is given a valid NUL-terminated string; the result is read at once, before
    // any other call could overwrite the static buffer it points to.
    let entry = unsafe { libc::getpwnam(name.as_ptr()) };
    if entry.is_null() {
        bail!(
            "Retning runs as root, and PostgreSQL refuses to run as root, so the embedded cluster runs as the \
             system user 'postgres' — but that user does not exist.\nInstall PostgreSQL (which creates it) with:\n\n    \
             sudo apt-get install -y postgresql\n\nor run Retning as an ordinary user."
        );
    }
    // SAFETY: entry is non-null and points to a valid passwd struct (see above).
    let (uid, gid) = unsafe { ((*entry).pw_uid, (*entry).pw_gid) };
    Ok(SystemUser { uid, gid })
}

/// The postgres user must be able to walk down to the data directory.
fn check_traversable(data_dir: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for ancestor in data_dir.ancestors().skip(1) {
        let mode = std::fs::metadata(ancestor)?.permissions().mode();
        if mode & 0o001 == 0 {
            bail!(
                "the embedded PostgreSQL runs as the user 'postgres', which cannot enter {} (mode {:o}).\n\
                 Choose a data directory elsewhere with --data-dir / RETNING_DATA_DIR (e.g. /var/lib/retning), \
                 or allow entry with: chmod o+x {}",
                ancestor.display(),
                mode & 0o777,
                ancestor.display()
            );
        }
    }
    Ok(())
}

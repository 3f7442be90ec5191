//! The benchmark (`scripts/bench`, binary `retning-bench`): generates a large municipality and many
//! small ones in a fresh embedded cluster of its own, starts the release server on it, loads each
//! endpoint with wrk from a second process, and writes the figures to `BENCHMARKS.md`.
//! docs/benchmark.md explains the method.

pub mod dataset;
pub mod db_time;
pub mod load;
pub mod machine;
pub mod report;
pub mod server;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::db::embedded::EmbeddedPostgres;
use crate::db::{Database, DbOptions};
use dataset::{BenchTenant, Plan};
use load::Load;
use report::{Measurement, Report};
use server::Server;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "retning-bench",
    about = "Benchmark of Retning: a large municipality and many small ones, loaded with wrk; writes BENCHMARKS.md"
)]
pub struct Options {
    /// Seconds each endpoint is measured.
    #[arg(long, default_value_t = 10)]
    pub duration: u64,
    /// Seconds of load before each endpoint's measurement (not counted).
    #[arg(long, default_value_t = 3)]
    pub warmup: u64,
    /// Concurrent connections (one wrk thread each): the steering pages are measured at each, the
    /// other endpoints at the second (or the only) one.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 4, 16])]
    pub connections: Vec<usize>,
    /// Number of small municipalities generated beside the large one.
    #[arg(long, default_value_t = 200)]
    pub small_tenants: usize,
    /// Directory of the bench's own cluster, script and server log; emptied at the start.
    #[arg(long, default_value = "target/bench")]
    pub work_dir: PathBuf,
    /// Where the report is written.
    #[arg(long, default_value = "BENCHMARKS.md")]
    pub output: PathBuf,
    /// The retning binary to serve with (default: the one next to this binary).
    #[arg(long)]
    pub server: Option<PathBuf>,
    /// The wrk binary.
    #[arg(long, default_value = "wrk")]
    pub wrk: PathBuf,
    /// How the run was started, for the report (scripts/bench passes its own command line).
    #[arg(long)]
    pub command: Option<String>,
}

/// One endpoint of the benchmark.
struct Endpoint {
    name: &'static str,
    request: &'static str,
    /// API token instead of the session cookie.
    api: bool,
    /// A steering page (served from the snapshot cache): measured with the cache and without it,
    /// at every connection count.
    steering: bool,
    load: fn(&BenchTenant) -> Load,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "Dashboard",
        request: "GET /t/{slug}/dashboard",
        api: false,
        steering: true,
        load: |t| Load::Get {
            path: format!("/t/{}/dashboard", t.slug),
        },
    },
    Endpoint {
        name: "Focus-area status page",
        request: "GET /t/{slug}/status?focus_area={id}",
        api: false,
        steering: true,
        load: |t| Load::Get {
            path: format!("/t/{}/status?focus_area={}", t.slug, t.focus_area),
        },
    },
    Endpoint {
        name: "Sub-goal page",
        request: "GET /t/{slug}/sub-goals/{id}",
        api: false,
        steering: false,
        load: |t| Load::Get {
            path: format!("/t/{}/sub-goals/{}", t.slug, t.sub_goal),
        },
    },
    Endpoint {
        name: "Strategy tree",
        request: "GET /t/{slug}/",
        api: false,
        steering: true,
        load: |t| Load::Get {
            path: format!("/t/{}/", t.slug),
        },
    },
    Endpoint {
        name: "Follow-up form",
        request: "GET /t/{slug}/followups/{id}",
        api: false,
        steering: false,
        load: |t| Load::Get {
            path: format!("/t/{}/followups/{}", t.slug, t.form_followup),
        },
    },
    Endpoint {
        name: "Follow-up save",
        request: "POST /t/{slug}/followups/{id}",
        api: false,
        steering: false,
        // The versions are filled in just before each wrk run.
        load: |_| Load::Save {
            targets: Vec::new(),
        },
    },
    Endpoint {
        name: "CSV export",
        request: "GET /t/{slug}/exports/download?format=csv",
        api: false,
        steering: false,
        load: |t| Load::Get {
            path: format!("/t/{}/exports/download?format=csv", t.slug),
        },
    },
    Endpoint {
        name: "API strategy tree",
        request: "GET /api/v1/t/{slug}/strategy",
        api: true,
        steering: true,
        load: |t| Load::Get {
            path: format!("/api/v1/t/{}/strategy", t.slug),
        },
    },
];

/// Whether the server ran with its snapshot cache, for a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cache {
    /// The cache on and warm: every request after the warm-up is a hit.
    Hit,
    /// The cache off (`--snapshot-cache-mib 0`): every request loads, as after a change.
    Miss,
}

impl Cache {
    pub fn label(self) -> &'static str {
        match self {
            Cache::Hit => "hit",
            Cache::Miss => "miss",
        }
    }
}

/// Runs the whole benchmark; Ok(false) when it ran but is not valid (errors during the load).
pub async fn run(options: Options) -> anyhow::Result<bool> {
    let plan = Plan {
        small_tenants: options.small_tenants.max(1),
        ..Plan::ISSUE
    };
    let mut counts: Vec<usize> = options.connections.iter().map(|c| (*c).max(1)).collect();
    counts.dedup();
    if counts.is_empty() {
        counts.push(1);
    }
    let most = counts.iter().copied().max().unwrap_or(1);
    let other_count = counts.get(1).or(counts.first()).copied().unwrap_or(1);
    let warmup = Duration::from_secs(options.warmup);
    let duration = Duration::from_secs(options.duration.max(1));
    let repo = std::env::current_dir()?;
    let date = chrono::Utc::now().format("%Y-%m-%d %H:%M").to_string();
    let commit = machine::git_commit(&repo);
    let command = options.command.clone().unwrap_or_else(|| {
        std::env::args()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let server_binary = match &options.server {
        Some(path) => path.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no directory of the bench binary")?
            .join("retning"),
    };

    std::fs::create_dir_all(&options.work_dir)?;
    let work_dir = options.work_dir.canonicalize()?;
    let data_dir = work_dir.join("postgres");
    let log = work_dir.join("server.log");
    let _ = std::fs::remove_file(&log);
    let cluster = fresh_cluster(&data_dir).await?;
    let owner = PgPoolOptions::new()
        .max_connections(2)
        .connect_with(cluster.owner_connect_options())
        .await?;
    let database = Database::start(DbOptions {
        database_url: None,
        data_dir: data_dir.clone(),
        app_password: None,
        max_connections: 4,
    })
    .await?;
    let app = database.app.clone();
    db_time::install(&owner).await?;
    let postgres = sqlx::query_scalar!(r#"SELECT current_setting('server_version') as "v!""#)
        .fetch_one(&owner)
        .await
        .map(|v| format!("PostgreSQL {v}"))?;

    eprintln!(
        "bench: generating 1 large and {} small municipalities …",
        plan.small_tenants
    );
    let generated_in = dataset::generate(&app, &plan).await?;
    dataset::analyze(&owner).await?;
    eprintln!("bench: generated in {:.0} s", generated_in.as_secs_f64());
    let large = dataset::prepare(&app, dataset::LARGE_SLUG, most).await?;
    let small = dataset::prepare(&app, &plan.measured_small_slug(), most).await?;
    let postmaster = std::fs::read_to_string(data_dir.join("postmaster.pid"))?
        .lines()
        .next()
        .and_then(|l| l.trim().parse::<u32>().ok())
        .context("no postmaster pid")?;

    let script = work_dir.join("wrk.lua");
    std::fs::write(&script, load::SCRIPT)?;
    let machine = machine::Machine::describe(postgres, load::version(&options.wrk).await);
    let load_before = machine::load_average();

    let mut peak_rss_kib = 0;
    let mut measurements = Vec::new();
    let mut problems = Vec::new();
    for cache in [Cache::Hit, Cache::Miss] {
        let mib = match cache {
            Cache::Hit => crate::server::DEFAULT_SNAPSHOT_CACHE_MIB,
            Cache::Miss => 0,
        };
        let server = Server::start(&server_binary, &data_dir, free_port()?, &log, mib).await?;
        let measured = async {
            let mut peak = server.peak_rss_kib()?;
            for (label, tenant) in [("200 items", &small), ("large", &large)] {
                let cookie = server
                    .client
                    .sign_in(&tenant.email, dataset::PASSWORD)
                    .await?;
                for endpoint in ENDPOINTS {
                    let runs: Vec<usize> = match (cache, endpoint.steering) {
                        (_, true) => counts.clone(),
                        (Cache::Hit, false) => vec![other_count],
                        (Cache::Miss, false) => Vec::new(),
                    };
                    for connections in runs {
                        let bench = Bench {
                            server: &server,
                            owner: &owner,
                            app: &app,
                            wrk: &options.wrk,
                            script: &script,
                            connections,
                            warmup,
                            duration,
                            postmaster,
                        };
                        let (mut measurement, mut found) = bench
                            .measure(endpoint, label, tenant, &cookie)
                            .await
                            .with_context(|| format!("{} ({label})", endpoint.name))?;
                        measurement.cache = if endpoint.steering {
                            cache.label().to_string()
                        } else {
                            "–".to_string()
                        };
                        eprintln!(
                            "bench: {:<24} {:<9} {:<4} {:>2} conn {:>8.1} req/s  p50 {:>7.1} ms  p99 {:>7.1} ms  {} errors",
                            endpoint.name,
                            label,
                            measurement.cache,
                            connections,
                            measurement.requests_per_second(),
                            measurement.wrk.latency_us.p50 as f64 / 1000.0,
                            measurement.wrk.latency_us.p99 as f64 / 1000.0,
                            measurement.wrk.errors()
                        );
                        peak = peak.max(measurement.peak_rss_kib);
                        measurements.push(measurement);
                        problems.append(&mut found);
                    }
                }
            }
            anyhow::Ok(peak)
        }
        .await;
        let stopped = server.stop().await;
        match measured {
            Ok(peak) => peak_rss_kib = peak_rss_kib.max(peak),
            Err(e) => {
                app.close().await;
                owner.close().await;
                drop(database);
                if data_dir.join("postmaster.pid").exists() {
                    cluster.stop().await;
                }
                return Err(e);
            }
        }
        stopped?;
    }
    let load_after = machine::load_average();
    app.close().await;
    owner.close().await;
    drop(database);
    if data_dir.join("postmaster.pid").exists() {
        cluster.stop().await;
    }
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    problems.extend(check_log(&log_text));

    let report = Report {
        machine,
        date,
        commit,
        command,
        warmup,
        duration,
        connections: counts,
        plan,
        generated_in,
        load_before,
        load_after,
        peak_rss_kib,
        measurements,
        problems,
    };
    std::fs::write(&options.output, report::render(&report))
        .with_context(|| format!("could not write {}", options.output.display()))?;
    eprintln!("bench: wrote {}", options.output.display());
    for problem in &report.problems {
        eprintln!("bench: NOT VALID: {problem}");
    }
    Ok(report.problems.is_empty())
}

/// What measuring one endpoint needs.
struct Bench<'a> {
    server: &'a Server,
    owner: &'a PgPool,
    app: &'a PgPool,
    wrk: &'a Path,
    script: &'a Path,
    connections: usize,
    warmup: Duration,
    duration: Duration,
    /// The cluster's postmaster, whose processes' CPU time is PostgreSQL's.
    postmaster: u32,
}

impl Bench<'_> {
    /// Warm-up, then the measured run with the database's statistics and the server's peak RSS
    /// reset just before it. Returns the measurement and what makes it invalid, if anything.
    async fn measure(
        &self,
        endpoint: &Endpoint,
        label: &str,
        tenant: &BenchTenant,
        cookie: &str,
    ) -> anyhow::Result<(Measurement, Vec<String>)> {
        let mut headers = vec![("Accept".to_string(), "text/html,*/*".to_string())];
        if endpoint.api {
            headers.push((
                "Authorization".to_string(),
                format!("Bearer {}", tenant.api_token),
            ));
        } else {
            headers.push(("Cookie".to_string(), cookie.to_string()));
        }
        let saving = matches!((endpoint.load)(tenant), Load::Save { .. });
        if saving {
            // What a browser sends with a form on the same site (the CSRF check reads these).
            headers.push(("Origin".to_string(), self.server.client.base_url.clone()));
            headers.push(("Sec-Fetch-Site".to_string(), "same-origin".to_string()));
        }
        let mut problems = Vec::new();
        let what = format!("{} ({label})", endpoint.name);
        if !self.warmup.is_zero() {
            let warm = self
                .run(endpoint, tenant, headers.clone(), self.warmup)
                .await?;
            if warm.errors() > 0 {
                problems.push(format!(
                    "{what}: {} errors in the warm-up (first: {})",
                    warm.errors(),
                    warm.first_unexpected
                ));
            }
        }
        let before = if saving {
            dataset::versions(self.app, tenant.tenant_id, self.savers(tenant)).await?
        } else {
            Vec::new()
        };
        db_time::reset(self.owner).await?;
        self.server.reset_peak_rss()?;
        let (app_cpu, pg_cpu) = (
            self.server.cpu_ms()?,
            server::cluster_cpu_ms(self.postmaster),
        );
        let result = self.run(endpoint, tenant, headers, self.duration).await?;
        let app_cpu_ms = self.server.cpu_ms()? - app_cpu;
        let pg_cpu_ms = server::cluster_cpu_ms(self.postmaster) - pg_cpu;
        let db = db_time::read(self.owner).await?;
        let peak_rss_kib = self.server.peak_rss_kib()?;
        if result.errors() > 0 {
            problems.push(format!(
                "{what}: {} of {} requests failed (first wrong answer: {})",
                result.errors(),
                result.requests,
                result.first_unexpected
            ));
        }
        if saving {
            let after = dataset::versions(self.app, tenant.tenant_id, self.savers(tenant)).await?;
            let stored: i64 = after
                .iter()
                .zip(&before)
                .map(|(a, b)| i64::from(a - b))
                .sum();
            if let Some(problem) = check_saves(result.saved, stored, self.connections) {
                problems.push(format!("{what}: {problem}"));
            }
        }
        let measurement = Measurement {
            endpoint: endpoint.name.to_string(),
            tenant: label.to_string(),
            request: endpoint.request.to_string(),
            wrk: result,
            db,
            peak_rss_kib,
            cache: String::new(),
            connections: self.connections,
            app_cpu_ms,
            pg_cpu_ms,
        };
        Ok((measurement, problems))
    }

    fn savers<'t>(&self, tenant: &'t BenchTenant) -> &'t [uuid::Uuid] {
        &tenant.save_followups[..self.connections.min(tenant.save_followups.len())]
    }

    async fn run(
        &self,
        endpoint: &Endpoint,
        tenant: &BenchTenant,
        headers: Vec<(String, String)>,
        duration: Duration,
    ) -> anyhow::Result<load::WrkResult> {
        let load = match (endpoint.load)(tenant) {
            Load::Save { .. } => {
                let ids = self.savers(tenant);
                let versions = dataset::versions(self.app, tenant.tenant_id, ids).await?;
                Load::Save {
                    targets: ids
                        .iter()
                        .zip(versions)
                        .map(|(id, v)| (format!("/t/{}/followups/{id}", tenant.slug), v))
                        .collect(),
                }
            }
            other => other,
        };
        load::run(&load::Run {
            wrk: self.wrk,
            script: self.script,
            base_url: &self.server.client.base_url,
            connections: self.connections,
            duration,
            headers,
            load,
        })
        .await
    }
}

/// Whether the saves wrk saw answered as saved match what the database stored: every counted save
/// stored, plus at most one per connection that was cut off by the end of the run after the server
/// had saved it.
pub fn check_saves(answered: u64, stored: i64, connections: usize) -> Option<String> {
    let answered = i64::try_from(answered).unwrap_or(i64::MAX);
    let slack = i64::try_from(connections).unwrap_or(i64::MAX);
    if answered == 0 {
        Some("no save was answered as saved".to_string())
    } else if stored < answered || stored > answered + slack {
        Some(format!(
            "{answered} saves were answered as saved, but the database stored {stored}"
        ))
    } else {
        None
    }
}

/// PostgreSQL's warnings that a transaction was begun inside another one or ended when none was
/// open, as sqlx logs them: each means that a request cancelled at the wrong moment (wrk closes
/// its connections with requests in flight at the end of every run) left its pooled connection in
/// a state the next statement noticed (src/db/cancel.rs).
pub fn check_log(log: &str) -> Option<String> {
    let warnings: Vec<&str> = log
        .lines()
        .filter(|line| {
            line.contains("there is already a transaction in progress")
                || line.contains("there is no transaction in progress")
        })
        .collect();
    let first = warnings.first()?;
    Some(format!(
        "the server's log has {} warnings of PostgreSQL about transactions, the first: {}",
        warnings.len(),
        without_colours(first).trim()
    ))
}

/// A log line without its terminal colour codes (ESC [ … m).
fn without_colours(line: &str) -> String {
    let mut text = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            text.push(c);
        }
    }
    text
}

/// A fresh cluster in `data_dir` with statement statistics: any cluster left there by an earlier
/// run is stopped and removed, a new one initialised, configured and started.
async fn fresh_cluster(data_dir: &Path) -> anyhow::Result<EmbeddedPostgres> {
    if data_dir.join("postmaster.pid").exists() {
        EmbeddedPostgres::start(data_dir).await?.stop().await;
    }
    if data_dir.exists() {
        std::fs::remove_dir_all(data_dir)
            .with_context(|| format!("could not remove {}", data_dir.display()))?;
    }
    // Initialise, then restart with pg_stat_statements preloaded (it can only load at start).
    EmbeddedPostgres::start(data_dir).await?.stop().await;
    let conf = data_dir.join("postgresql.conf");
    let mut text = std::fs::read_to_string(&conf)
        .with_context(|| format!("could not read {}", conf.display()))?;
    text.push_str(db_time::SETTINGS);
    std::fs::write(&conf, text).with_context(|| format!("could not write {}", conf.display()))?;
    EmbeddedPostgres::start(data_dir).await
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

//! The figures of a run and `BENCHMARKS.md`, rendered from them.

use std::fmt::Write;
use std::time::Duration;

use super::dataset::Plan;
use super::db_time::DbTime;
use super::load::WrkResult;
use super::machine::Machine;
use crate::testdata::Size;

/// One endpoint measured on one municipality.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// What is loaded, e.g. "Dashboard".
    pub endpoint: String,
    /// Which municipality: "large" or "small".
    pub tenant: String,
    /// Method and path pattern, e.g. "GET /t/{slug}/dashboard".
    pub request: String,
    pub wrk: WrkResult,
    pub db: DbTime,
    /// The server's peak RSS during the measured phase, in KiB.
    pub peak_rss_kib: u64,
    /// "hit" or "miss" for the steering pages (the snapshot cache on or off), "–" for the rest.
    pub cache: String,
    pub connections: usize,
    /// CPU time the server process used during the measured phase, in milliseconds.
    pub app_cpu_ms: f64,
    /// CPU time PostgreSQL's processes used during the measured phase, in milliseconds.
    pub pg_cpu_ms: f64,
}

impl Measurement {
    /// The server's CPU milliseconds per request.
    pub fn app_cpu_per_request(&self) -> f64 {
        ratio(self.app_cpu_ms, self.wrk.requests as f64)
    }

    /// PostgreSQL's CPU milliseconds per request.
    pub fn pg_cpu_per_request(&self) -> f64 {
        ratio(self.pg_cpu_ms, self.wrk.requests as f64)
    }

    /// PostgreSQL's planning time per request, in milliseconds.
    pub fn plan_ms_per_request(&self) -> f64 {
        ratio(self.db.plan_ms, self.wrk.requests as f64)
    }

    pub fn requests_per_second(&self) -> f64 {
        ratio(self.wrk.requests as f64, self.wrk.duration_us as f64 / 1e6)
    }

    pub fn mean_ms(&self) -> f64 {
        self.wrk.latency_us.mean / 1000.0
    }

    /// Mean SQL statements per request as the server counted them (x-sql-statements).
    pub fn statements_per_request(&self) -> Option<f64> {
        (self.wrk.statement_responses > 0)
            .then(|| self.wrk.statements as f64 / self.wrk.statement_responses as f64)
    }

    pub fn body_bytes_per_request(&self) -> f64 {
        ratio(self.wrk.body_bytes as f64, self.wrk.responses as f64)
    }

    /// The database's planning and execution time per request.
    pub fn db_ms_per_request(&self) -> f64 {
        ratio(self.db.total_ms, self.wrk.requests as f64)
    }

    /// How many times longer a request takes than the database's work for it.
    pub fn app_db_ratio(&self) -> Option<f64> {
        let db = self.db_ms_per_request();
        (db > 0.0).then(|| self.mean_ms() / db)
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Everything `BENCHMARKS.md` says.
#[derive(Debug, Clone)]
pub struct Report {
    pub machine: Machine,
    /// When the run started (UTC).
    pub date: String,
    pub commit: String,
    pub command: String,
    pub warmup: Duration,
    pub duration: Duration,
    /// The connection counts the steering pages were measured at.
    pub connections: Vec<usize>,
    pub plan: Plan,
    pub generated_in: Duration,
    /// /proc/loadavg before and after the load.
    pub load_before: String,
    pub load_after: String,
    /// The server's peak RSS over the whole run, in KiB.
    pub peak_rss_kib: u64,
    pub measurements: Vec<Measurement>,
    /// Why the run is not valid (errors, saves that did not save); empty for a valid run.
    pub problems: Vec<String>,
}

fn size_text(size: &Size) -> String {
    format!(
        "{} focus areas, {} goals, {} sub-goals, {} initiatives, {} closed rounds and one open, {} users",
        size.focus_areas,
        size.goals,
        size.sub_goals,
        size.initiatives,
        size.closed_rounds,
        size.people
    )
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn bytes(n: f64) -> String {
    if n >= 1024.0 * 1024.0 {
        format!("{:.2} MiB", n / 1024.0 / 1024.0)
    } else if n >= 1024.0 {
        format!("{:.1} KiB", n / 1024.0)
    } else {
        format!("{n:.0} B")
    }
}

fn ms(us: u64) -> String {
    format!("{:.1}", us as f64 / 1000.0)
}

fn statements(m: &Measurement) -> String {
    match m.statements_per_request() {
        None => "–".to_string(),
        Some(mean) if m.wrk.statements_min == m.wrk.statements_max => format!("{mean:.0}"),
        Some(mean) => format!(
            "{mean:.1} ({}–{})",
            m.wrk.statements_min, m.wrk.statements_max
        ),
    }
}

/// `BENCHMARKS.md`.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let m = &report.machine;
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `scripts/bench` (`src/bench/`); do not edit by hand. How to reproduce and what each \
         figure means: [docs/benchmark.md](docs/benchmark.md).\n"
    );
    if !report.problems.is_empty() {
        let _ = writeln!(out, "**This run is not valid:**\n");
        for problem in &report.problems {
            let _ = writeln!(out, "- {problem}");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "## Machine and run\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    let rows = [
        ("Date (UTC)", report.date.clone()),
        ("Git commit", report.commit.clone()),
        ("Command", format!("`{}`", report.command)),
        ("CPU", m.cpu.clone()),
        ("Cores", m.cores.to_string()),
        ("RAM", m.ram.clone()),
        ("OS", m.os.clone()),
        ("PostgreSQL", m.postgres.clone()),
        ("rustc", m.rustc.clone()),
        ("Load generator", m.wrk.clone()),
        (
            "Load",
            format!(
                "{} connections (one per wrk thread), keep-alive, over loopback; per endpoint {} s warm-up, then {} s measured",
                report
                    .connections
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("/"),
                report.warmup.as_secs_f64(),
                report.duration.as_secs_f64()
            ),
        ),
        (
            "Load average (1, 5, 15 min) before / after",
            format!("{} / {}", report.load_before, report.load_after),
        ),
        ("Large municipality", size_text(&report.plan.large)),
        (
            "Small municipalities",
            format!(
                "{} of {}",
                report.plan.small_tenants.saturating_sub(1),
                size_text(&report.plan.small)
            ),
        ),
        (
            "200-item municipality (measured)",
            size_text(&report.plan.measured),
        ),
        (
            "Data generated in",
            format!(
                "{:.0} s (through the importer, then ANALYZE)",
                report.generated_in.as_secs_f64()
            ),
        ),
        ("Server peak RSS (whole run)", mib(report.peak_rss_kib)),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "| {label} | {value} |");
    }

    let _ = writeln!(out, "\n## Endpoints\n");
    let _ = writeln!(
        out,
        "Latencies in milliseconds as wrk measured them. *Cache*: the steering pages with the snapshot cache on \
         and warm (hit) or off (miss: every request loads, as after a change). *SQL/req*: statements per request \
         as the server counted them (`x-sql-statements`). *DB ms/req*: PostgreSQL's own planning and execution \
         time for the application's statements (pg_stat_statements) divided by the requests, *of which plan*. \
         *App CPU* and *PG CPU*: CPU milliseconds per request of the server process and of PostgreSQL's \
         processes (/proc). *Peak RSS*: the server's peak during that endpoint's measured phase.\n"
    );
    let _ = writeln!(
        out,
        "| Endpoint | Municipality | Cache | Conns | req/s | mean | p50 | p95 | p99 | max | SQL/req | Response size | DB ms/req | of which plan | App CPU ms/req | PG CPU ms/req | Peak RSS | Requests | Errors |"
    );
    let _ = writeln!(
        out,
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    );
    for m in &report.measurements {
        let l = &m.wrk.latency_us;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.1} | {:.1} | {} | {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            m.endpoint,
            m.tenant,
            m.cache,
            m.connections,
            m.requests_per_second(),
            m.mean_ms(),
            ms(l.p50),
            ms(l.p95),
            ms(l.p99),
            ms(l.max),
            statements(m),
            bytes(m.body_bytes_per_request()),
            m.db_ms_per_request(),
            m.plan_ms_per_request(),
            m.app_cpu_per_request(),
            m.pg_cpu_per_request(),
            mib(m.peak_rss_kib),
            m.wrk.requests,
            m.wrk.errors(),
        );
    }
    render_targets(&mut out, report);
    out
}

/// The issue 17 targets, each with the figures it was judged on and whether it holds.
fn render_targets(out: &mut String, report: &Report) {
    let find = |endpoint: &str, tenant: &str, cache: &str, connections: usize| {
        report.measurements.iter().find(|m| {
            m.endpoint == endpoint
                && m.tenant == tenant
                && m.cache == cache
                && m.connections == connections
        })
    };
    let most = report.connections.iter().copied().max().unwrap_or(1);
    let least = report.connections.iter().copied().min().unwrap_or(1);
    let mut rows: Vec<(String, String, Option<bool>)> = Vec::new();
    let p50 = |m: &Measurement| m.wrk.latency_us.p50 as f64 / 1000.0;
    let dash = |tenant, cache, c| find("Dashboard", tenant, cache, c);
    match dash("200 items", "hit", most) {
        Some(m) => rows.push((
            format!("200 items: dashboard ≥ 700 req/s at {most} connections (cache hit)"),
            format!("{:.0} req/s", m.requests_per_second()),
            Some(m.requests_per_second() >= 700.0),
        )),
        None => rows.push((
            "200 items: dashboard at 16 connections".into(),
            "not measured".into(),
            None,
        )),
    }
    if let Some(m) = dash("200 items", "hit", least) {
        rows.push((
            format!("200 items: dashboard p50 ≤ 5 ms at {least} connection (cache hit)"),
            format!("{:.1} ms", p50(m)),
            Some(p50(m) <= 5.0),
        ));
    }
    for endpoint in ["Focus-area status page", "Strategy tree"] {
        if let (Some(d), Some(e)) = (
            dash("200 items", "hit", least),
            find(endpoint, "200 items", "hit", least),
        ) {
            let factor = p50(e) / p50(d).max(0.001);
            rows.push((
                format!("200 items: {endpoint} p50 within 1.5× of the dashboard's ({least} connection, hit)"),
                format!("{:.1} ms = {factor:.2}×", p50(e)),
                Some(factor <= 1.5),
            ));
        }
    }
    for endpoint in ["Dashboard", "Focus-area status page"] {
        if let (Some(s), Some(l)) = (
            find(endpoint, "200 items", "hit", least),
            find(endpoint, "large", "hit", least),
        ) {
            let factor = p50(l) / p50(s).max(0.001);
            rows.push((
                format!("Large: {endpoint} p50 within 2× of the 200-item one's on a cache hit"),
                format!("{:.1} ms vs {:.1} ms = {factor:.2}×", p50(l), p50(s)),
                Some(factor <= 2.0),
            ));
        }
        if let Some(m) = find(endpoint, "large", "miss", least) {
            let sql = m.db_ms_per_request();
            let factor = p50(m) / sql.max(0.001);
            rows.push((
                format!("Large: {endpoint} p50 on a cache miss ≤ 1.5× its own SQL time ({least} connection)"),
                format!("{:.1} ms vs {sql:.1} ms SQL = {factor:.2}×", p50(m)),
                Some(factor <= 1.5),
            ));
        }
    }
    let hits: Vec<&Measurement> = report
        .measurements
        .iter()
        .filter(|m| m.cache == "hit")
        .collect();
    if !hits.is_empty() {
        let worst = hits.iter().map(|m| m.wrk.statements_max).max().unwrap_or(0);
        rows.push((
            "SQL statements per steering page on a cache hit ≤ 3".into(),
            format!("at most {worst}"),
            Some(worst <= 3),
        ));
    }
    let mib_peak = report.peak_rss_kib as f64 / 1024.0;
    rows.push((
        format!(
            "Server peak RSS ≤ 100 MB over the whole run ({} municipalities)",
            report.plan.small_tenants + 1
        ),
        format!("{mib_peak:.1} MiB"),
        Some(report.peak_rss_kib as f64 * 1024.0 <= 100e6),
    ));
    let _ = writeln!(out, "\n## Issue 17's targets\n");
    let _ = writeln!(out, "| Target | Measured | Met |\n|---|---|---|");
    for (target, measured, met) in rows {
        let met = match met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "–",
        };
        let _ = writeln!(out, "| {target} | {measured} | {met} |");
    }
}

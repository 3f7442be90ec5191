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
}

impl Measurement {
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
    pub connections: usize,
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

fn factor(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.1}×"))
        .unwrap_or_else(|| "–".to_string())
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
                report.connections,
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
                report.plan.small_tenants,
                size_text(&report.plan.small)
            ),
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
        "Latencies in milliseconds as wrk measured them. *SQL/req*: statements per request as the server counted \
         them (`x-sql-statements`). *DB ms/req*: PostgreSQL's own planning and execution time for the \
         application's statements (pg_stat_statements) divided by the requests. *App/DB*: mean latency ÷ DB \
         time per request. *Peak RSS*: the server's peak during that endpoint's measured phase.\n"
    );
    let _ = writeln!(
        out,
        "| Endpoint | Municipality | Request | req/s | mean | p50 | p95 | p99 | max | SQL/req | Response size | DB ms/req | App/DB | Peak RSS | Requests | Errors |"
    );
    let _ = writeln!(
        out,
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    );
    for m in &report.measurements {
        let l = &m.wrk.latency_us;
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {:.1} | {:.1} | {} | {} | {} | {} | {} | {} | {:.2} | {} | {} | {} | {} |",
            m.endpoint,
            m.tenant,
            m.request,
            m.requests_per_second(),
            m.mean_ms(),
            ms(l.p50),
            ms(l.p95),
            ms(l.p99),
            ms(l.max),
            statements(m),
            bytes(m.body_bytes_per_request()),
            m.db_ms_per_request(),
            factor(m.app_db_ratio()),
            mib(m.peak_rss_kib),
            m.wrk.requests,
            m.wrk.errors(),
        );
    }

    let dashboard = |tenant: &str| {
        report
            .measurements
            .iter()
            .find(|m| m.endpoint == "Dashboard" && m.tenant == tenant)
    };
    if let (Some(large), Some(small)) = (dashboard("large"), dashboard("small")) {
        let _ = writeln!(out, "\n## The large municipality's dashboard\n");
        let _ = writeln!(
            out,
            "| | Large | Small | Large ÷ small |\n|---|--:|--:|--:|"
        );
        let compare = [
            ("Mean latency (ms)", large.mean_ms(), small.mean_ms()),
            (
                "p95 latency (ms)",
                large.wrk.latency_us.p95 as f64 / 1000.0,
                small.wrk.latency_us.p95 as f64 / 1000.0,
            ),
            (
                "Requests/s",
                large.requests_per_second(),
                small.requests_per_second(),
            ),
            (
                "DB ms/request",
                large.db_ms_per_request(),
                small.db_ms_per_request(),
            ),
            (
                "SQL statements/request",
                large.statements_per_request().unwrap_or(0.0),
                small.statements_per_request().unwrap_or(0.0),
            ),
            (
                "Response size (KiB)",
                large.body_bytes_per_request() / 1024.0,
                small.body_bytes_per_request() / 1024.0,
            ),
        ];
        for (label, a, b) in compare {
            let _ = writeln!(
                out,
                "| {label} | {a:.2} | {b:.2} | {} |",
                factor((b > 0.0).then(|| a / b))
            );
        }
        let _ = writeln!(
            out,
            "\nThe large dashboard takes {} its own database time (app/DB) and {} the small one's mean latency.",
            factor(large.app_db_ratio()),
            factor((small.mean_ms() > 0.0).then(|| large.mean_ms() / small.mean_ms()))
        );
    }
    out
}

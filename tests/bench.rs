//! The benchmark's parts: its data set signs in, its API token works and its saves are real saves;
//! the wrk script counts statements, sizes, saves and wrong answers against the real server; the
//! report says what was measured.

mod common;

use std::time::Duration;

use retning::bench::dataset::{self, Plan};
use retning::bench::db_time::DbTime;
use retning::bench::load::{self, Latency, Load, WrkErrors, WrkResult};
use retning::bench::machine::{self, Machine};
use retning::bench::report::{self, Measurement, Report};
use retning::bench::server::Client;
use retning::testdata::Size;
use sqlx::PgPool;

fn wrk_result(requests: u64, mean_us: f64, statements: (u64, i64, i64)) -> WrkResult {
    WrkResult {
        requests,
        duration_us: 10_000_000,
        bytes: requests * 2048,
        errors: WrkErrors {
            connect: 0,
            read: 0,
            write: 0,
            status: 0,
            timeout: 0,
        },
        latency_us: Latency {
            mean: mean_us,
            max: 90_000,
            p50: 4_000,
            p95: 12_500,
            p99: 30_000,
        },
        responses: requests,
        unexpected: 0,
        first_unexpected: String::new(),
        statements: statements.0,
        statement_responses: requests,
        statements_min: statements.1,
        statements_max: statements.2,
        body_bytes: requests * 1536,
        saved: 0,
    }
}

fn measurement(endpoint: &str, tenant: &str, wrk: WrkResult, db_ms: f64) -> Measurement {
    Measurement {
        endpoint: endpoint.to_string(),
        tenant: tenant.to_string(),
        request: "GET /t/{slug}/dashboard".to_string(),
        db: DbTime {
            calls: wrk.requests * 9,
            total_ms: db_ms,
            plan_ms: db_ms / 4.0,
        },
        wrk,
        peak_rss_kib: 40 * 1024,
        cache: "hit".to_string(),
        connections: 1,
        app_cpu_ms: 500.0,
        pg_cpu_ms: 1500.0,
    }
}

fn sample_report() -> Report {
    Report {
        machine: Machine {
            cpu: "Test CPU @ 3.0GHz".into(),
            cores: 2,
            ram: "23.4 GiB".into(),
            os: "Debian GNU/Linux 12 (bookworm), Linux 6.1".into(),
            postgres: "PostgreSQL 15.14".into(),
            rustc: "rustc 1.92.0".into(),
            wrk: "wrk 4.1.0".into(),
        },
        date: "2026-11-22 17:00".into(),
        commit: "abcdef123456".into(),
        command: "scripts/bench".into(),
        warmup: Duration::from_secs(3),
        duration: Duration::from_secs(10),
        connections: vec![1, 4, 16],
        plan: Plan::ISSUE,
        generated_in: Duration::from_secs(75),
        load_before: "0.10 0.20 0.30".into(),
        load_after: "1.90 1.00 0.50".into(),
        peak_rss_kib: 64 * 1024,
        measurements: vec![
            // 1000 requests of 8 statements, 8 ms mean, the database 2 ms of each.
            measurement(
                "Dashboard",
                "large",
                wrk_result(1000, 8000.0, (8000, 8, 8)),
                2000.0,
            ),
            // 4000 requests, 2 ms mean, the database 0.5 ms of each.
            measurement(
                "Dashboard",
                "200 items",
                wrk_result(4000, 2000.0, (32000, 8, 8)),
                2000.0,
            ),
            Measurement {
                cache: "–".to_string(),
                ..measurement(
                    "Follow-up save",
                    "large",
                    wrk_result(500, 5000.0, (4600, 9, 10)),
                    500.0,
                )
            },
        ],
        problems: Vec::new(),
    }
}

#[test]
fn the_report_shows_every_figure_of_every_endpoint() {
    let text = report::render(&sample_report());
    for expected in [
        "| CPU | Test CPU @ 3.0GHz |",
        "| Cores | 2 |",
        "| RAM | 23.4 GiB |",
        "| PostgreSQL | PostgreSQL 15.14 |",
        "| rustc | rustc 1.92.0 |",
        "| Git commit | abcdef123456 |",
        "| Command | `scripts/bench` |",
        "1/4/16 connections",
        "3 s warm-up, then 10 s measured",
        "0.10 0.20 0.30 / 1.90 1.00 0.50",
        "8 focus areas, 60 goals, 1200 sub-goals, 40 initiatives, 10 closed rounds and one open, 300 users",
        "199 of 4 focus areas",
        "| 200-item municipality (measured) | 4 focus areas, 20 goals, 200 sub-goals",
        "| Server peak RSS (whole run) | 64.0 MiB |",
    ] {
        assert!(
            text.contains(expected),
            "the report lacks {expected:?}:\n{text}"
        );
    }
    // Large dashboard: 100 req/s, mean 8.0, p50 4.0, p95 12.5, p99 30.0, max 90.0, 8 statements,
    // 1.5 KiB, 2 ms DB per request of which 0.5 planning, 0.5 ms app and 1.5 ms PostgreSQL CPU.
    assert!(
        text.contains(
            "| Dashboard | large | hit | 1 | 100.0 | 8.0 | 4.0 | 12.5 | 30.0 | 90.0 | 8 | 1.5 KiB | 2.00 | 0.50 | 0.50 | 1.50 | 40.0 MiB | 1000 | 0 |"
        ),
        "{text}"
    );
    // Statement counts that vary show their range.
    assert!(text.contains("| 9.2 (9–10) |"), "{text}");
    // The targets, judged on the figures: the 200-item dashboard's p50 is 4 ms at one
    // connection (met), 16 connections were not measured, the large one is 1.0× the 200-item one.
    assert!(
        text.contains(
            "| 200 items: dashboard p50 ≤ 5 ms at 1 connection (cache hit) | 4.0 ms | yes |"
        ),
        "{text}"
    );
    assert!(
        text.contains("| 200 items: dashboard at 16 connections | not measured | – |"),
        "{text}"
    );
    assert!(
        text.contains("| Large: Dashboard p50 within 2× of the 200-item one's on a cache hit | 4.0 ms vs 4.0 ms = 1.00× | yes |"),
        "{text}"
    );
    // 8 statements on a hit are more than 3.
    assert!(
        text.contains(
            "| SQL statements per steering page on a cache hit ≤ 3 | at most 8 | **no** |"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "| Server peak RSS ≤ 100 MB over the whole run (201 municipalities) | 64.0 MiB | yes |"
        ),
        "{text}"
    );
    assert!(!text.contains("not valid"), "{text}");
}

#[test]
fn a_run_with_errors_is_marked_not_valid() {
    let mut run = sample_report();
    run.measurements[2].wrk.unexpected = 3;
    run.problems
        .push("Follow-up save (large): 3 of 500 requests failed (first wrong answer: 409 )".into());
    let text = report::render(&run);
    assert!(text.contains("**This run is not valid:**"), "{text}");
    assert!(text.contains("3 of 500 requests failed"), "{text}");
    assert!(text.contains("| 500 | 3 |"), "{text}");
}

#[test]
fn wrk_output_is_read_from_the_scripts_result_line() {
    let out = "Running 10s test @ http://127.0.0.1:1\n  2 threads and 2 connections\n\
        BENCH_RESULT {\"requests\":12,\"duration_us\":1000000,\"bytes\":4096,\"errors\":{\"connect\":0,\"read\":1,\"write\":0,\"status\":2,\"timeout\":0},\
        \"latency_us\":{\"mean\":1500.5,\"max\":9000,\"p50\":1200,\"p95\":3000,\"p99\":8000},\"responses\":11,\"unexpected\":2,\
        \"first_unexpected\":\"303 /login\",\"statements\":88,\"statement_responses\":11,\"statements_min\":8,\"statements_max\":8,\
        \"body_bytes\":2000,\"saved\":0}\nRequests/sec: 12.00\n";
    let result = load::parse_output(out).unwrap();
    assert_eq!(result.requests, 12);
    assert_eq!(result.latency_us.p99, 8000);
    assert_eq!(result.first_unexpected, "303 /login");
    // A read error and two wrong answers; wrk's own status count is part of the wrong answers.
    assert_eq!(result.errors(), 3);
    assert!(load::parse_output("Running 10s test\n").is_err());
}

#[test]
fn saves_must_match_what_the_database_stored() {
    assert_eq!(retning::bench::check_saves(100, 100, 8), None);
    // Up to one save per connection may be cut off by the end of the run after it was stored.
    assert_eq!(retning::bench::check_saves(100, 108, 8), None);
    assert!(retning::bench::check_saves(100, 109, 8).is_some());
    assert!(retning::bench::check_saves(100, 99, 8).is_some());
    assert!(retning::bench::check_saves(0, 0, 8).is_some());
}

#[test]
fn the_machine_is_read_from_proc_and_os_release() {
    assert_eq!(
        machine::cpu_model("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n")
            .as_deref(),
        Some("AMD EPYC 7B13")
    );
    assert_eq!(
        machine::mem_total("MemTotal:       24576000 kB\nMemFree: 1 kB\n").as_deref(),
        Some("23.4 GiB")
    );
    assert_eq!(
        machine::os_name(
            "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
        )
        .as_deref(),
        Some("Debian GNU/Linux 12 (bookworm)")
    );
}

/// The real router with statement counting, served on a loopback port.
async fn serve(pool: &PgPool) -> String {
    retning::telemetry::init("warn");
    let settings = retning::Settings {
        count_sql_statements: true,
        ..retning::Settings::default()
    };
    let app = retning::app(retning::AppState::new(pool.clone(), settings));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    base_url
}

async fn wrk(
    script: &std::path::Path,
    base_url: &str,
    headers: Vec<(String, String)>,
    load: Load,
) -> WrkResult {
    load::run(&load::Run {
        wrk: std::path::Path::new("wrk"),
        script,
        base_url,
        connections: 2,
        duration: Duration::from_secs(1),
        headers,
        load,
    })
    .await
    .expect("wrk runs (scripts/test installs it)")
}

#[sqlx::test]
async fn the_load_signs_in_counts_statements_and_saves_for_real(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    let plan = Plan {
        large: Size::SMALL,
        small: Size::SMALL,
        small_tenants: 1,
        measured: Size::SMALL,
    };
    dataset::generate(&pool, &plan).await.unwrap();
    dataset::analyze(&admin).await.unwrap();
    let tenant = dataset::prepare(&pool, dataset::LARGE_SLUG, 2)
        .await
        .unwrap();
    let small = dataset::prepare(&pool, &plan.measured_small_slug(), 2)
        .await
        .unwrap();
    assert_ne!(tenant.tenant_id, small.tenant_id);
    assert_eq!(tenant.save_followups.len(), 2);
    assert!(!tenant.save_followups.contains(&tenant.form_followup));

    let base_url = serve(&pool).await;
    let client = Client::new(base_url.clone());
    assert!(client.is_ready().await);
    let cookie = client
        .sign_in(&tenant.email, dataset::PASSWORD)
        .await
        .unwrap();
    assert!(client.sign_in(&tenant.email, "wrong").await.is_err());

    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("wrk.lua");
    std::fs::write(&script, load::SCRIPT).unwrap();
    let member = vec![("Cookie".to_string(), cookie.clone())];

    let dashboard = wrk(
        &script,
        &base_url,
        member.clone(),
        Load::Get {
            path: format!("/t/{}/dashboard", tenant.slug),
        },
    )
    .await;
    assert_eq!(dashboard.errors(), 0, "{dashboard:?}");
    assert!(dashboard.requests > 0);
    assert_eq!(
        dashboard.statement_responses, dashboard.responses,
        "{dashboard:?}"
    );
    // From the snapshot cache the guard's statement and COMMIT; the first view loads the page
    // (and a connection's first use looks up sqlx's custom types).
    assert_eq!(dashboard.statements_min, 2, "{dashboard:?}");
    assert!(dashboard.statements_max > 2, "{dashboard:?}");
    assert!(dashboard.body_bytes / dashboard.responses > 1000);
    let l = dashboard.latency_us;
    assert!(l.p50 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.max, "{l:?}");

    let api = wrk(
        &script,
        &base_url,
        vec![(
            "Authorization".to_string(),
            format!("Bearer {}", tenant.api_token),
        )],
        Load::Get {
            path: format!("/api/v1/t/{}/strategy", tenant.slug),
        },
    )
    .await;
    assert_eq!(api.errors(), 0, "{api:?}");
    // The small municipality's token is not the large one's.
    let foreign = wrk(
        &script,
        &base_url,
        vec![(
            "Authorization".to_string(),
            format!("Bearer {}", small.api_token),
        )],
        Load::Get {
            path: format!("/api/v1/t/{}/strategy", tenant.slug),
        },
    )
    .await;
    assert_eq!(foreign.errors(), foreign.requests, "{foreign:?}");

    // Without a session every page answers with the way to the login page: all wrong answers.
    let signed_out = wrk(
        &script,
        &base_url,
        Vec::new(),
        Load::Get {
            path: format!("/t/{}/dashboard", tenant.slug),
        },
    )
    .await;
    assert!(signed_out.requests > 0);
    assert_eq!(signed_out.errors(), signed_out.requests, "{signed_out:?}");
    assert!(
        signed_out.first_unexpected.starts_with("303 /login"),
        "{signed_out:?}"
    );

    // Repeated saves: each connection saves its own follow-up with the version it last saved.
    let before = dataset::versions(&pool, tenant.tenant_id, &tenant.save_followups)
        .await
        .unwrap();
    let mut browser = member.clone();
    browser.push(("Origin".to_string(), base_url.clone()));
    browser.push(("Sec-Fetch-Site".to_string(), "same-origin".to_string()));
    let targets: Vec<(String, i32)> = tenant
        .save_followups
        .iter()
        .zip(&before)
        .map(|(id, v)| (format!("/t/{}/followups/{id}", tenant.slug), *v))
        .collect();
    let saves = wrk(
        &script,
        &base_url,
        browser.clone(),
        Load::Save {
            targets: targets.clone(),
        },
    )
    .await;
    assert_eq!(saves.errors(), 0, "{saves:?}");
    assert!(saves.saved > 1, "{saves:?}");
    let after = dataset::versions(&pool, tenant.tenant_id, &tenant.save_followups)
        .await
        .unwrap();
    let stored: i64 = after
        .iter()
        .zip(&before)
        .map(|(a, b)| i64::from(a - b))
        .sum();
    assert_eq!(retning::bench::check_saves(saves.saved, stored, 2), None);
    let narrative: String =
        sqlx::query_scalar("SELECT narrative FROM followups WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.tenant_id)
            .bind(tenant.save_followups[0])
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(narrative, "Arbejdet skrider frem som planlagt.");

    // Stale versions are conflicts, and the script counts them as errors.
    let stale = wrk(&script, &base_url, browser, Load::Save { targets }).await;
    assert_eq!(stale.saved, 0, "{stale:?}");
    assert_eq!(stale.errors(), stale.requests, "{stale:?}");
    assert!(stale.first_unexpected.starts_with("409"), "{stale:?}");
}

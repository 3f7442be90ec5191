//! The strategy file format: lossless round trips, and broken files that write nothing.

mod common;

use retning::strategy_file::{self, StrategyFile};
use sqlx::PgPool;

const EXAMPLE: &str = include_str!("../docs/strategy-format.md");

/// The complete example of docs/strategy-format.md, so the documentation is tested too.
fn documented_example() -> String {
    let start = EXAMPLE
        .find("```toml\nformat = 1")
        .expect("the doc has a complete example")
        + "```toml\n".len();
    let end = start + EXAMPLE[start..].find("```").unwrap();
    EXAMPLE[start..end].to_string()
}

fn parse(text: &str) -> StrategyFile {
    strategy_file::parse("test.toml", text).unwrap_or_else(|e| panic!("{e}"))
}

async fn counts(pool: &PgPool) -> (i64, i64, i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM strategies), (SELECT count(*) FROM sub_goals),
                (SELECT count(*) FROM followups)",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn export_import_export_is_identical_for_every_demo_and_the_documented_example(
    admin: PgPool,
) {
    let pool = common::app_pool(&admin).await;
    let mut files: Vec<(String, String)> = retning::demo::DEMO_TENANTS
        .iter()
        .map(|(slug, _, text)| (slug.to_string(), text.to_string()))
        .collect();
    files.push(("eksempel".to_string(), documented_example()));

    for (slug, text) in files {
        strategy_file::import(&pool, &slug, &parse(&text))
            .await
            .unwrap();
        let first = strategy_file::export(&pool, &slug, None).await.unwrap();

        let copy = format!("{slug}-kopi");
        strategy_file::import(&pool, &copy, &parse(&first))
            .await
            .unwrap();
        let second = strategy_file::export(&pool, &copy, None).await.unwrap();
        assert_eq!(first, second, "round trip of {slug} changed the file");

        // Nothing of substance is lost between the source file and the export.
        let source = parse(&text);
        let exported = parse(&first);
        assert_eq!(source.focus_areas.len(), exported.focus_areas.len());
        for (a, b) in source.focus_areas.iter().zip(&exported.focus_areas) {
            assert_eq!(a.title, b.title);
            assert_eq!(a.challenges_text, b.challenges_text);
            assert_eq!(a.ambition, b.ambition);
            assert_eq!(
                a.goals.iter().map(|g| &g.text).collect::<Vec<_>>(),
                b.goals.iter().map(|g| &g.text).collect::<Vec<_>>()
            );
            for (ga, gb) in a.goals.iter().zip(&b.goals) {
                assert_eq!(ga.sub_goals, gb.sub_goals);
            }
        }
        assert_eq!(source.challenges, exported.challenges);
        assert_eq!(source.clusters, exported.clusters);
        assert_eq!(source.initiatives, exported.initiatives);
        assert_eq!(source.people.len(), exported.people.len());
        assert_eq!(source.rounds.len(), exported.rounds.len());
        for (ra, rb) in source.rounds.iter().zip(&exported.rounds) {
            assert_eq!(ra.label, rb.label);
            assert_eq!(ra.decisions, rb.decisions);
            // An open round gets a follow-up for every active item, so it may grow; closed ones must not change.
            if ra.state == "closed" {
                assert_eq!(
                    ra.followups.len(),
                    rb.followups.len(),
                    "{slug} {}",
                    ra.label
                );
            }
        }
    }
}

#[sqlx::test]
async fn importing_again_replaces_the_strategy(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    let file = parse(&documented_example());
    strategy_file::import(&pool, "eksempel", &file)
        .await
        .unwrap();
    let before = counts(&admin).await;
    let summary = strategy_file::import(&pool, "eksempel", &file)
        .await
        .unwrap();
    assert!(summary.replaced);
    assert_eq!(counts(&admin).await, before);
}

/// Each broken file is rejected with a message naming the line or field, and nothing is written.
#[sqlx::test]
async fn broken_files_are_rejected_precisely_and_write_nothing(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    strategy_file::import(&pool, "eksempel", &parse(&documented_example()))
        .await
        .unwrap();
    let before = counts(&admin).await;
    let good = documented_example();

    let line = |needle: &str| {
        format!(
            "line {}",
            good.lines().position(|l| l.contains(needle)).expect(needle) + 1
        )
    };
    let title_line = line("title = \"Eksempel 2030\"");
    let subtitle_line = line("subtitle = \"Direktionens");
    let deadline_line = line("deadline = 2026-12-31");
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "syntax error",
            good.replace("title = \"Eksempel 2030\"", "title = \"Eksempel 2030"),
            vec![&title_line],
        ),
        (
            "unknown key",
            good.replace("subtitle = \"Direktionens", "undertitel = \"Direktionens"),
            vec![&subtitle_line, "undertitel"],
        ),
        (
            "missing title",
            good.replace("title = \"Eksempel 2030\"\n", ""),
            vec!["missing field `title`"],
        ),
        (
            "impossible date",
            good.replace("deadline = 2026-12-31", "deadline = 2025-02-30"),
            vec![&deadline_line],
        ),
        (
            "target without unit",
            good.replace("unit = \"%\"\n", ""),
            vec![
                "focus_areas[0].goals[0].sub_goals[0].baseline_value",
                "a value needs a unit",
            ],
        ),
        (
            "owner not in the file",
            good.replace(
                "owner = \"skoleleder@eksempel.dk\"\norg_unit",
                "owner = \"ukendt@eksempel.dk\"\norg_unit",
            ),
            vec![
                "focus_areas[0].goals[0].sub_goals[0].owner",
                "\"ukendt@eksempel.dk\" is not listed under [[people]]",
            ],
        ),
        (
            "duplicate ids",
            good.replace("key = \"pak\"", "key = \"direktionen\""),
            vec!["org_units[1].key", "the key \"direktionen\" is used twice"],
        ),
        (
            "text over the limit",
            good.replace(
                "text = \"Nye medarbejdere oplever en god start.\"",
                &format!("text = \"{}\"", "x".repeat(10_001)),
            ),
            vec!["sub_goals[0].text", "at most 10000"],
        ),
    ];
    for (case, text, expected) in cases {
        assert_ne!(text, good, "{case}: the test did not change the file");
        let err = strategy_file::parse("broken.toml", &text)
            .expect_err(case)
            .to_string();
        for needle in expected {
            assert!(
                err.contains(needle),
                "{case}: expected {needle:?} in:\n{err}"
            );
        }
        assert!(
            err.contains("broken.toml") && err.contains("nothing was written"),
            "{case}: {err}"
        );
    }
    assert_eq!(
        counts(&admin).await,
        before,
        "a rejected file must not change the database"
    );
}

#[sqlx::test]
async fn a_failure_half_way_rolls_the_whole_import_back(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    strategy_file::import(&pool, "eksempel", &parse(&documented_example()))
        .await
        .unwrap();
    let before = counts(&admin).await;
    let before_title: String = sqlx::query_scalar("SELECT title FROM strategies")
        .fetch_one(&admin)
        .await
        .unwrap();

    // Bypass the file checks so that the database refuses a row late in the import (a follow-up
    // text over its limit): everything written before it must be rolled back.
    let mut file = parse(&documented_example());
    file.strategy.title = "Ny titel".to_string();
    file.rounds[0].followups[0].narrative = Some("x".repeat(10_001));
    let result = strategy_file::import(&pool, "eksempel", &file).await;
    assert!(
        result.is_err(),
        "a constraint violation must fail the import"
    );
    assert_eq!(counts(&admin).await, before);
    let title: String = sqlx::query_scalar("SELECT title FROM strategies")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(
        title, before_title,
        "the old strategy must survive a failed replace"
    );
}

//! The form toolkit (`kernel::forms`): what PostgreSQL refuses comes back as a message on the
//! form, not as an error page.

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{Role, TestApp};
use retning::kernel::forms::constraint_field;
use sqlx::PgPool;

const T: &str = "sonderborg";

/// A real violation names its constraint, and only the constraints a form lists map to a field.
#[sqlx::test]
async fn a_violated_constraint_maps_to_the_field_it_guards(admin: PgPool) {
    let mut conn = admin.acquire().await.unwrap();
    sqlx::query("CREATE TEMP TABLE named (name text CONSTRAINT named_name_key UNIQUE)")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("INSERT INTO named VALUES ('Vækst')")
        .execute(&mut *conn)
        .await
        .unwrap();
    let taken = sqlx::query("INSERT INTO named VALUES ('Vækst')")
        .execute(&mut *conn)
        .await
        .expect_err("the name is taken");
    let fields = [("other_key", "other"), ("named_name_key", "title")];
    assert_eq!(constraint_field(&taken, &fields), Some("title"));
    assert_eq!(constraint_field(&taken, &fields[..1]), None);
    assert_eq!(constraint_field(&sqlx::Error::RowNotFound, &fields), None);
}

/// Two rounds opened in the same instant: the application's own check sees neither open, the
/// database's one-open-round index refuses the second, and the secretariat gets the rounds page
/// saying so (409) instead of an error page (it was a 500).
#[sqlx::test]
async fn a_round_opened_in_the_same_instant_as_another_is_refused_on_the_page(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let open: uuid::Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'open'",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let closed = secretariat
        .post(&format!("/t/{T}/rounds/{open}/close"), &[("confirm", "1")])
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    for (label, end, deadline) in [
        ("2027 H1", "2027-06-30", "2027-08-15"),
        ("2027 H2", "2027-12-31", "2028-02-15"),
    ] {
        let created = secretariat
            .post(
                &format!("/t/{T}/rounds"),
                &[
                    ("label", label),
                    ("period_end", end),
                    ("deadline", deadline),
                ],
            )
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    }
    let round = |label: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, uuid::Uuid>("SELECT id FROM followup_rounds WHERE label = $1")
                .bind(label)
                .fetch_one(&admin)
                .await
                .unwrap()
        }
    };
    let (first, second) = (round("2027 H1").await, round("2027 H2").await);

    // Someone else opens the second round and has not committed yet.
    let mut other = retning::db::begin(&admin).await.unwrap();
    sqlx::query("UPDATE followup_rounds SET state = 'open', opened_at = now() WHERE id = $1")
        .bind(second)
        .execute(&mut *other)
        .await
        .unwrap();
    let request = tokio::spawn({
        let secretariat = secretariat.clone();
        async move {
            secretariat
                .post(&format!("/t/{T}/rounds/{first}/open"), &[])
                .await
        }
    });
    // The request has passed its own check and waits on the index for the other transaction.
    let waiting_since = Instant::now();
    loop {
        let waiting: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE followup_rounds SET state = ''open''%')",
        )
        .fetch_one(&admin)
        .await
        .unwrap();
        if waiting {
            break;
        }
        assert!(
            waiting_since.elapsed() < Duration::from_secs(20),
            "the request never waited for the other transaction"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    other.commit().await.unwrap();

    let refused = request.await.unwrap();
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let text = common::unescape(&refused.body);
    assert!(
        text.contains("En anden runde blev åbnet i samme øjeblik. Luk den, før du åbner 2027 H1."),
        "{text}"
    );
    let state: String = sqlx::query_scalar("SELECT state::text FROM followup_rounds WHERE id = $1")
        .bind(first)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(state, "planned", "the refused round stays planned");
}

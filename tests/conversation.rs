//! The conversation on a follow-up and the mail its review sends, through the real router and
//! the real mail queue: the owner answers the secretariat's comment in the conversation; a
//! return, an approval and a submission after a return each queue exactly one mail, in the
//! recipient's language, with a deep link under the installation's public base URL.

mod common;

use axum::http::StatusCode;
use common::{Client, Role, TestApp};
use retning::mail::Mailer;
use retning::reminders::worker;
use sqlx::PgPool;

const T: &str = "sonderborg";
const BASE: &str = "https://retning.kommune.example";

fn version(body: &str) -> String {
    let start = "name=\"version\" value=\"";
    let at = body.find(start).expect("version field") + start.len();
    body[at..at + body[at..].find('"').unwrap()].to_string()
}

/// The owner's follow-up in the open round that is still to be submitted.
async fn followup_of(admin: &PgPool, owner_email: &str) -> uuid::Uuid {
    sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id AND s.unit = '%'
         JOIN users u ON u.id = f.owner_id
         WHERE u.email = $1 AND f.review_state IN ('draft', 'returned')
         ORDER BY s.position LIMIT 1",
    )
    .bind(owner_email)
    .fetch_one(admin)
    .await
    .expect("the demo owner has a follow-up to write")
}

/// (recipient, subject, body) of the queued mails of `kind` about follow-up `id`.
async fn mails(admin: &PgPool, kind: &str, id: uuid::Uuid) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT to_email, subject, body FROM mail_queue WHERE kind = $1 AND dedupe_key LIKE 'followup:' || $2 || ':%' ORDER BY created_at",
    )
    .bind(kind)
    .bind(id.to_string())
    .fetch_all(admin)
    .await
    .unwrap()
}

async fn submit(owner: &Client, link: &str, narrative: &str) {
    let page = owner.get(link).await;
    let sent = owner
        .post(
            link,
            &[
                ("version", &version(&page.body)),
                ("status", "at_risk"),
                ("value", "1,4"),
                ("narrative", narrative),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
}

#[sqlx::test]
async fn returned_answered_resubmitted_and_approved_each_mail_once(admin: PgPool) {
    let settings = retning::Settings {
        base_url: BASE.to_string(),
        ..retning::Settings::default()
    };
    let app = TestApp::demo_with(&admin, settings).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let owner = app.signed_in_as(Role::Contributor).await;
    let id = followup_of(&admin, &owner.email).await;
    let link = format!("/t/{T}/followups/{id}");
    let deep_link = format!("{BASE}{link}");

    // A first submission is no news to anyone.
    submit(&owner, &link, "Afvigelsen er faldet.").await;
    assert!(mails(&admin, "followup_resubmitted", id).await.is_empty());

    // Returned with a comment, and the same return posted again (a double click).
    let comment = "Skriv hvilke måneder der afveg.";
    let review = format!("{link}/review");
    let returned = secretariat
        .post(&review, &[("action", "return"), ("comment", comment)])
        .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);
    let again = secretariat
        .post(&review, &[("action", "return"), ("comment", comment)])
        .await;
    assert!(again.status.is_client_error(), "{}", again.status);
    let to_owner = mails(&admin, "followup_returned", id).await;
    assert_eq!(to_owner.len(), 1, "one mail to the owner: {to_owner:?}");
    let (to, subject, body) = &to_owner[0];
    assert_eq!(to, &owner.email);
    assert!(subject.contains("sendt retur"), "{subject}");
    assert!(body.contains(comment), "the comment is in the mail: {body}");
    assert!(body.contains(&deep_link), "the deep link: {body}");

    // The worker delivers it once; running it again queues and delivers nothing more.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    worker::run_once(&app.pool, &Mailer::Outbox, BASE, day)
        .await
        .unwrap();
    worker::run_once(&app.pool, &Mailer::Outbox, BASE, day)
        .await
        .unwrap();
    let delivered: Vec<String> = sqlx::query_scalar(
        "SELECT status FROM mail_queue WHERE kind = 'followup_returned' AND dedupe_key LIKE 'followup:' || $1 || ':%'",
    )
    .bind(id.to_string())
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(delivered, vec!["outbox".to_string()]);

    // The owner answers in the conversation; the secretariat sees the answer, who and when.
    let empty = owner
        .post(&format!("{link}/comments"), &[("text", "   ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&empty.body).contains("Skriv et svar, før du sender."));
    let answer = "Det var marts og april – jeg retter teksten.";
    let replied = owner
        .post(&format!("{link}/comments"), &[("text", answer)])
        .await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER);
    let seen = common::unescape(&secretariat.get(&link).await.body);
    let owner_name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE email = $1")
        .bind(&owner.email)
        .fetch_one(&admin)
        .await
        .unwrap();
    let thread = &seen[seen.find("id=\"samtale\"").expect("the conversation")..];
    let thread = &thread[..thread.find("</section>").unwrap()];
    assert!(thread.contains(answer), "{thread}");
    assert!(thread.contains(comment), "{thread}");
    assert!(
        thread.contains(&format!("{owner_name} (ansvarlig)")),
        "{thread}"
    );
    // The narrative is untouched by the answer.
    let narrative: Option<String> =
        sqlx::query_scalar("SELECT narrative FROM followups WHERE id = $1")
            .bind(id)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(narrative.as_deref(), Some("Afvigelsen er faldet."));
    // And the secretariat answers back.
    let back = secretariat
        .post(
            &format!("{link}/comments"),
            &[("text", "Tak, det er fint.")],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert!(owner.get(&link).await.body.contains("Tak, det er fint."));

    // Submitted again after the return: one mail to the secretariat member who returned it.
    submit(&owner, &link, "Afvigelsen var i marts og april.").await;
    let to_secretariat = mails(&admin, "followup_resubmitted", id).await;
    assert_eq!(to_secretariat.len(), 1, "{to_secretariat:?}");
    assert_eq!(to_secretariat[0].0, secretariat.email);
    assert!(to_secretariat[0].2.contains(&deep_link));

    // Approved: one mail to the owner, however often the approval is posted.
    for _ in 0..2 {
        secretariat
            .post(&review, &[("action", "approve"), ("comment", "")])
            .await;
    }
    let approved = mails(&admin, "followup_approved", id).await;
    assert_eq!(approved.len(), 1, "{approved:?}");
    assert_eq!(approved[0].0, owner.email);
    assert!(approved[0].1.contains("godkendt") && approved[0].2.contains(&deep_link));
    assert_eq!(mails(&admin, "followup_returned", id).await.len(), 1);

    // The audit log names these events in words, not in codes.
    let administrator = app.signed_in_as(Role::Admin).await;
    let audit = common::unescape(&administrator.get(&format!("/t/{T}/admin/audit")).await.body);
    for words in [
        "Opfølgning sendt retur",
        "Opfølgning godkendt",
        "Opfølgning indsendt",
    ] {
        assert!(audit.contains(words), "{words}");
    }
    for code in [
        "followup.returned",
        "followup.approved",
        "followup.submitted",
    ] {
        assert!(
            !audit.contains(&format!(">{code}<")),
            "the code {code} is shown"
        );
    }
}

#[sqlx::test]
async fn mail_is_written_in_the_recipients_language(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let owner = app.signed_in_as(Role::Contributor).await;
    sqlx::query("UPDATE users SET locale = 'en' WHERE email = $1")
        .bind(&owner.email)
        .execute(&admin)
        .await
        .unwrap();
    let id = followup_of(&admin, &owner.email).await;
    let link = format!("/t/{T}/followups/{id}");
    submit(&owner, &link, "Første udkast.").await;
    secretariat
        .post(
            &format!("{link}/review"),
            &[("action", "return"), ("comment", "Mere om april, tak.")],
        )
        .await;
    let sent = mails(&admin, "followup_returned", id).await;
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].1.starts_with("Your follow-up has been returned"),
        "{}",
        sent[0].1
    );
    assert!(sent[0].2.contains("Mere om april, tak."));
}

#[sqlx::test]
async fn only_the_owner_and_the_secretariat_write_and_only_in_their_municipality(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let owner = app.signed_in_as(Role::Contributor).await;
    let viewer = app.signed_in_as(Role::Viewer).await;
    let id = followup_of(&admin, &owner.email).await;
    // Another municipality's follow-up is not there at all.
    let foreign: uuid::Uuid = sqlx::query_scalar(
        "SELECT f.id FROM followups f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug <> $1 LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let reply = owner
        .post(
            &format!("/t/{T}/followups/{foreign}/comments"),
            &[("text", "Hej")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // The owner writes in their own follow-up's conversation.
    let own = owner
        .post(
            &format!("/t/{T}/followups/{id}/comments"),
            &[("text", "Et spørgsmål")],
        )
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    // Someone who only reads does not write in the conversation.
    let read_only = viewer
        .post(
            &format!("/t/{T}/followups/{id}/comments"),
            &[("text", "Hej")],
        )
        .await;
    assert_eq!(read_only.status, StatusCode::NOT_FOUND);
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM followup_comments WHERE text = 'Hej'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

//! Deciding which mails are due, and queueing each exactly once, written in the recipient's
//! language (the one saved on their account; Danish when they never chose one).
//!
//! Each kind of mail costs two statements whatever the number of recipients: one reads who is due
//! (leaving out mails already queued), one inserts the composed mails together.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::i18n::{Lang, sync_scope};
use crate::web::format;
use crate::{t, t1, t2, t3};

/// A composed mail, ready for the queue.
struct Mail {
    dedupe_key: String,
    kind: String,
    to_email: String,
    to_name: String,
    subject: String,
    body: String,
}

pub(super) fn lang_of(locale: Option<&str>) -> Lang {
    locale.and_then(Lang::from_code).unwrap_or_default()
}

/// "Kære Anne,", the paragraphs, the link, and the secretariat's greeting.
pub(super) fn letter(name: &str, paragraph: String, link: String, signed: bool) -> String {
    let mut parts = vec![t1("reminders-greeting", "name", name), paragraph, link];
    if signed {
        parts.push(format!(
            "{}\n{}",
            t("reminders-sign-off"),
            t("reminders-sign-off-sender")
        ));
    }
    parts.join("\n\n")
}

/// Queues the mails that are due on `today` for the tenant's open rounds; returns how many were
/// queued now (mails queued before are never queued again).
pub async fn enqueue_due(
    conn: &mut PgConnection,
    tenant: Uuid,
    today: NaiveDate,
    base_url: &str,
) -> sqlx::Result<u64> {
    let mut mails = Vec::new();

    let opened = sqlx::query!(
        r#"SELECT r.id as round_id, r.label, r.deadline, t.slug, u.id as user_id, u.email, u.display_name, u.locale,
                  count(f.id) as "count!"
           FROM followup_rounds r
           JOIN tenants t ON t.id = r.tenant_id
           JOIN followups f ON f.tenant_id = r.tenant_id AND f.round_id = r.id
           JOIN users u ON u.id = f.owner_id AND u.is_active
           JOIN memberships m ON m.tenant_id = r.tenant_id AND m.user_id = u.id AND m.is_active
           WHERE r.tenant_id = $1 AND r.state = 'open' AND $2::date <= r.deadline
             AND NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.tenant_id = r.tenant_id
                             AND q.dedupe_key = 'round:' || r.id || ':opened:' || u.id)
           GROUP BY r.tenant_id, r.id, t.slug, u.id"#,
        tenant,
        today
    )
    .fetch_all(&mut *conn)
    .await?;
    for row in opened {
        let mail = sync_scope(lang_of(row.locale.as_deref()), || {
            let deadline = format::date_short(row.deadline);
            Mail {
                dedupe_key: format!("round:{}:opened:{}", row.round_id, row.user_id),
                kind: "round_opened".into(),
                to_email: row.email.clone(),
                to_name: row.display_name.clone(),
                subject: t2(
                    "reminders-opened-subject",
                    "round",
                    &row.label,
                    "date",
                    &deadline,
                ),
                body: letter(
                    &row.display_name,
                    t3(
                        "reminders-opened-text",
                        "round",
                        &row.label,
                        "count",
                        row.count,
                        "date",
                        &deadline,
                    ),
                    format!("{base_url}/t/{}/my", row.slug),
                    true,
                ),
            }
        });
        mails.push(mail);
    }

    for (days, kind) in [(7, "reminder_7_days"), (1, "reminder_1_day")] {
        let due = sqlx::query!(
            r#"SELECT r.id as round_id, r.label, r.deadline, t.slug, u.id as user_id, u.email, u.display_name, u.locale,
                      count(f.id) as "count!"
               FROM followup_rounds r
               JOIN tenants t ON t.id = r.tenant_id
               JOIN followups f ON f.tenant_id = r.tenant_id AND f.round_id = r.id AND f.review_state IN ('draft', 'returned')
               JOIN users u ON u.id = f.owner_id AND u.is_active
               JOIN memberships m ON m.tenant_id = r.tenant_id AND m.user_id = u.id AND m.is_active
               WHERE r.tenant_id = $1 AND r.state = 'open' AND $2::date >= r.deadline - $4::int AND $2::date <= r.deadline
                 AND NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.tenant_id = r.tenant_id
                                 AND q.dedupe_key = 'round:' || r.id || ':' || $3 || ':' || u.id)
               GROUP BY r.tenant_id, r.id, t.slug, u.id"#,
            tenant,
            today,
            kind,
            days
        )
        .fetch_all(&mut *conn)
        .await?;
        for row in due {
            let mail = sync_scope(lang_of(row.locale.as_deref()), || {
                let deadline = format::date_short(row.deadline);
                Mail {
                    dedupe_key: format!("round:{}:{kind}:{}", row.round_id, row.user_id),
                    kind: kind.into(),
                    to_email: row.email.clone(),
                    to_name: row.display_name.clone(),
                    subject: t2(
                        "reminders-reminder-subject",
                        "round",
                        &row.label,
                        "date",
                        &deadline,
                    ),
                    body: letter(
                        &row.display_name,
                        t3(
                            "reminders-reminder-text",
                            "count",
                            row.count,
                            "round",
                            &row.label,
                            "date",
                            &deadline,
                        ),
                        format!("{base_url}/t/{}/my", row.slug),
                        true,
                    ),
                }
            });
            mails.push(mail);
        }
    }

    let summaries = sqlx::query!(
        r#"WITH missing AS (
               SELECT r.id as round_id, string_agg(DISTINCT '- ' || u.display_name || ' (' || u.email || ')', E'\n') as names,
                      count(DISTINCT u.id) as people
               FROM followup_rounds r
               JOIN followups f ON f.tenant_id = r.tenant_id AND f.round_id = r.id AND f.review_state IN ('draft', 'returned')
               JOIN users u ON u.id = f.owner_id
               WHERE r.tenant_id = $1 AND r.state = 'open' AND $2::date > r.deadline
               GROUP BY r.id
           )
           SELECT r.id as round_id, r.label, r.deadline, t.slug, u.id as user_id, u.email, u.display_name, u.locale,
                  missing.names as "names!", missing.people as "people!"
           FROM missing
           JOIN followup_rounds r ON r.tenant_id = $1 AND r.id = missing.round_id
           JOIN tenants t ON t.id = r.tenant_id
           JOIN memberships m ON m.tenant_id = r.tenant_id AND m.role = 'secretariat' AND m.is_active
           JOIN users u ON u.id = m.user_id AND u.is_active
           WHERE NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.tenant_id = r.tenant_id
                             AND q.dedupe_key = 'round:' || r.id || ':summary:' || u.id)"#,
        tenant,
        today
    )
    .fetch_all(&mut *conn)
    .await?;
    for row in summaries {
        let mail = sync_scope(lang_of(row.locale.as_deref()), || {
            let deadline = format::date_short(row.deadline);
            Mail {
                dedupe_key: format!("round:{}:summary:{}", row.round_id, row.user_id),
                kind: "missing_summary".into(),
                to_email: row.email.clone(),
                to_name: row.display_name.clone(),
                subject: t2(
                    "reminders-summary-subject",
                    "round",
                    &row.label,
                    "count",
                    row.people,
                ),
                body: format!(
                    "{}\n",
                    letter(
                        &row.display_name,
                        format!(
                            "{}\n\n{}",
                            t2(
                                "reminders-summary-text",
                                "round",
                                &row.label,
                                "date",
                                &deadline
                            ),
                            row.names
                        ),
                        format!("{base_url}/t/{}/rounds/{}", row.slug, row.round_id),
                        false,
                    )
                ),
            }
        });
        mails.push(mail);
    }

    if mails.is_empty() {
        return Ok(0);
    }
    let mut columns: [Vec<String>; 6] = Default::default();
    for mail in mails {
        columns[0].push(mail.dedupe_key);
        columns[1].push(mail.kind);
        columns[2].push(mail.to_email);
        columns[3].push(mail.to_name);
        columns[4].push(mail.subject);
        columns[5].push(mail.body);
    }
    let [keys, kinds, emails, names, subjects, bodies] = columns;
    let queued = sqlx::query!(
        r#"INSERT INTO mail_queue (tenant_id, id, dedupe_key, kind, to_email, to_name, subject, body)
           SELECT $1, gen_random_uuid(), m.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
               AS m(dedupe_key, kind, to_email, to_name, subject, body)
           ON CONFLICT (tenant_id, dedupe_key) DO NOTHING"#,
        tenant,
        &keys,
        &kinds,
        &emails,
        &names,
        &subjects,
        &bodies
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(queued)
}

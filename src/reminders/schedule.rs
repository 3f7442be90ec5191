//! Deciding which mails are due, and queueing each exactly once.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

/// Queues the mails that are due on `today` for the tenant's open rounds; returns how many were
/// queued now (mails queued before are never queued again).
pub async fn enqueue_due(
    conn: &mut PgConnection,
    tenant: Uuid,
    today: NaiveDate,
    base_url: &str,
) -> sqlx::Result<u64> {
    let my_link = format!("{base_url}/t/");
    let opened = sqlx::query!(
        r#"INSERT INTO mail_queue (tenant_id, id, dedupe_key, kind, to_email, to_name, subject, body)
           SELECT r.tenant_id, gen_random_uuid(), 'round:' || r.id || ':opened:' || u.id, 'round_opened', u.email, u.display_name,
                  'Opfølgning ' || r.label || ': skriv din opfølgning senest ' || to_char(r.deadline, 'DD.MM.YYYY'),
                  'Kære ' || u.display_name || E',\n\nOpfølgningsrunden ' || r.label || ' er åbnet. Du er ansvarlig for '
                      || count(f.id) || E' delmål eller initiativer. Skriv din opfølgning senest '
                      || to_char(r.deadline, 'DD.MM.YYYY') || E'.\n\n' || $3 || t.slug || E'/my\n\nVenlig hilsen\nSekretariatet'
           FROM followup_rounds r
           JOIN tenants t ON t.id = r.tenant_id
           JOIN followups f ON f.tenant_id = r.tenant_id AND f.round_id = r.id
           JOIN users u ON u.id = f.owner_id AND u.is_active
           JOIN memberships m ON m.tenant_id = r.tenant_id AND m.user_id = u.id AND m.is_active
           WHERE r.tenant_id = $1 AND r.state = 'open' AND $2::date <= r.deadline
           GROUP BY r.tenant_id, r.id, t.slug, u.id
           ON CONFLICT (tenant_id, dedupe_key) DO NOTHING"#,
        tenant,
        today,
        my_link
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();

    let mut reminders = 0;
    for (days, kind) in [(7, "reminder_7_days"), (1, "reminder_1_day")] {
        reminders += sqlx::query!(
            r#"INSERT INTO mail_queue (tenant_id, id, dedupe_key, kind, to_email, to_name, subject, body)
               SELECT r.tenant_id, gen_random_uuid(), 'round:' || r.id || ':' || $4 || ':' || u.id, $4, u.email, u.display_name,
                      'Påmindelse: opfølgning ' || r.label || ' skal være indsendt ' || to_char(r.deadline, 'DD.MM.YYYY'),
                      'Kære ' || u.display_name || E',\n\nDu mangler at indsende ' || count(f.id)
                          || ' opfølgning(er) i runden ' || r.label || '. Fristen er ' || to_char(r.deadline, 'DD.MM.YYYY')
                          || E'.\n\n' || $3 || t.slug || E'/my\n\nVenlig hilsen\nSekretariatet'
               FROM followup_rounds r
               JOIN tenants t ON t.id = r.tenant_id
               JOIN followups f ON f.tenant_id = r.tenant_id AND f.round_id = r.id AND f.review_state IN ('draft', 'returned')
               JOIN users u ON u.id = f.owner_id AND u.is_active
               JOIN memberships m ON m.tenant_id = r.tenant_id AND m.user_id = u.id AND m.is_active
               WHERE r.tenant_id = $1 AND r.state = 'open' AND $2::date >= r.deadline - $5::int AND $2::date <= r.deadline
               GROUP BY r.tenant_id, r.id, t.slug, u.id
               ON CONFLICT (tenant_id, dedupe_key) DO NOTHING"#,
            tenant,
            today,
            my_link,
            kind,
            days
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
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
           INSERT INTO mail_queue (tenant_id, id, dedupe_key, kind, to_email, to_name, subject, body)
           SELECT r.tenant_id, gen_random_uuid(), 'round:' || r.id || ':summary:' || u.id, 'missing_summary', u.email, u.display_name,
                  'Opfølgning ' || r.label || ': ' || missing.people || ' mangler efter fristen',
                  'Kære ' || u.display_name || E',\n\nFristen for runden ' || r.label || ' var ' || to_char(r.deadline, 'DD.MM.YYYY')
                      || E'. Disse ansvarlige mangler at indsende:\n\n' || missing.names || E'\n\n' || $3 || t.slug
                      || '/rounds/' || r.id || E'\n'
           FROM missing
           JOIN followup_rounds r ON r.tenant_id = $1 AND r.id = missing.round_id
           JOIN tenants t ON t.id = r.tenant_id
           JOIN memberships m ON m.tenant_id = r.tenant_id AND m.role = 'secretariat' AND m.is_active
           JOIN users u ON u.id = m.user_id AND u.is_active
           ON CONFLICT (tenant_id, dedupe_key) DO NOTHING"#,
        tenant,
        today,
        my_link
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(opened + reminders + summaries)
}

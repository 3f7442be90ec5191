//! Browsing the audit log: `/t/{slug}/admin/audit`, filterable by event, person and dates.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::web::{AppResult, format, text};

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: Option<u32>,
}

impl Filter {
    fn link(&self, slug: &str, page: u32) -> String {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("action", &self.action)
            .append_pair("actor", &self.actor)
            .append_pair("from", &self.from)
            .append_pair("to", &self.to)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/t/{slug}/admin/audit?{query}")
    }
}

/// The Fluent key of an event's name in words: "followup.returned" is
/// `audit-action-followup-returned`.
pub fn action_key(action: AuditAction) -> String {
    format!("audit-action-{}", action.as_str().replace(['.', '_'], "-"))
}

/// An event's name in words, in the reader's language. A stored word that is no longer in the
/// vocabulary (an event written by an older version) is shown as stored rather than hidden.
pub fn action_label(stored: &str) -> String {
    match AuditAction::parse(stored) {
        Some(action) => crate::t(&action_key(action)),
        None => stored.to_string(),
    }
}

/// An event name for the filter: the stored word (the value sent) and its words (what is shown).
pub struct ActionChoice {
    pub word: String,
    pub label: String,
}

pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub ip: Option<String>,
    /// The event's name in words.
    pub action: String,
    /// Written in Danish whatever the reader's language (`kernel::audit::record_text`).
    pub summary: String,
    pub change: Option<Change>,
}

/// The record before and after an event, as JSON: its values are what the municipality wrote.
pub struct Change {
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "audit/events.html")]
struct AuditPage {
    chrome: Chrome,
    slug: String,
    actions: Vec<ActionChoice>,
    filter: Filter,
    from_error: bool,
    to_error: bool,
    events: Vec<EventRow>,
    prev_link: Option<String>,
    next_link: Option<String>,
}

fn parse_day(raw: &str) -> Result<Option<NaiveDate>, ()> {
    match raw.trim() {
        "" => Ok(None),
        day => NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

pub async fn browse(
    State(state): State<AppState>,
    member: Member,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let from = parse_day(&filter.from);
    let to = parse_day(&filter.to);
    let (from_error, to_error) = (from.is_err(), to.is_err());
    let from: Option<DateTime<Utc>> = from
        .ok()
        .flatten()
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc());
    let to: Option<DateTime<Utc>> = to
        .ok()
        .flatten()
        .and_then(|d| d.succ_opt())
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc());
    let page = filter.page.unwrap_or(1).clamp(1, 10_000);
    let offset = i64::from(page - 1) * PAGE_SIZE;
    // A filter that cannot be stored cannot match anything stored: it finds nothing.
    let unmatchable = !text::is_line(&filter.action) || !text::is_line(&filter.actor);
    let action = (!filter.action.is_empty()).then_some(filter.action.as_str());
    let actor = (!filter.actor.trim().is_empty()).then(|| {
        format!(
            "%{}%",
            filter.actor.trim().replace('%', "\\%").replace('_', "\\_")
        )
    });

    let tenant_id = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    let actions = sqlx::query_scalar!(
        "SELECT DISTINCT action FROM audit_events WHERE tenant_id = $1 ORDER BY action",
        tenant_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let query = sqlx::query!(
        r#"SELECT at, actor_label, ip, action, summary, before, after FROM audit_events
           WHERE tenant_id = $1
             AND ($2::text IS NULL OR action = $2)
             AND ($3::text IS NULL OR actor_label ILIKE $3)
             AND ($4::timestamptz IS NULL OR at >= $4)
             AND ($5::timestamptz IS NULL OR at < $5)
           ORDER BY at DESC, id DESC
           LIMIT $6 OFFSET $7"#,
        tenant_id,
        action,
        actor,
        from,
        to,
        PAGE_SIZE + 1,
        offset
    );
    let rows = if unmatchable {
        Vec::new()
    } else {
        query.fetch_all(&mut *tx).await?
    };
    tx.commit().await?;

    let has_more = rows.len() as i64 > PAGE_SIZE;
    let events = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| EventRow {
            at: format::datetime(r.at),
            actor: r.actor_label,
            ip: r.ip,
            action: action_label(&r.action),
            summary: r.summary.unwrap_or_default(),
            change: (r.before.is_some() || r.after.is_some()).then(|| {
                let show = |v: &Option<serde_json::Value>| {
                    v.as_ref()
                        .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
                        .unwrap_or_else(|| "–".into())
                };
                Change {
                    before: show(&r.before),
                    after: show(&r.after),
                }
            }),
        })
        .collect();
    let slug = member.tenant.slug.clone();
    let page_view = AuditPage {
        chrome: Chrome::member(
            crate::t1("audit-title", "tenant", &member.tenant.name),
            &member,
        ),
        prev_link: (page > 1).then(|| filter.link(&slug, page - 1)),
        next_link: has_more.then(|| filter.link(&slug, page + 1)),
        slug,
        actions: actions
            .into_iter()
            .map(|word| ActionChoice {
                label: action_label(&word),
                word,
            })
            .collect(),
        filter,
        from_error,
        to_error,
        events,
    };
    Ok(render(&page_view))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_audit_action_has_words_in_danish_and_english() {
        for action in AuditAction::ALL {
            let key = action_key(*action);
            let da = crate::i18n::try_lookup(Lang::Da, &key);
            let en = crate::i18n::try_lookup(Lang::En, &key);
            for (lang, label) in [("da", &da), ("en", &en)] {
                let label = label
                    .as_deref()
                    .unwrap_or_else(|| panic!("{action}: no {lang} label ({key})"));
                assert!(
                    !label.trim().is_empty() && !label.contains(action.as_str()),
                    "{action}: the {lang} label is words, not the code: {label:?}"
                );
            }
            assert_ne!(da, en, "{action}: Danish and English differ");
        }
    }
}

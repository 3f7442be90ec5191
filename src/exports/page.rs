//! The export page (pick a round and a format) and the download itself.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::data::{self, RoundOption};
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::kernel::access::Member;
use crate::kernel::strategy::CurrentStrategy;
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};

/// The value of the round picker meaning "the strategy without follow-ups".
const NO_ROUND: &str = "none";

#[derive(Deserialize, Default)]
pub struct ExportQuery {
    round: Option<String>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "exports/picker.html")]
struct PickerPage {
    chrome: Chrome,
    slug: String,
    strategy: Option<String>,
    rounds: Vec<RoundOption>,
    selected: String,
    error: Option<&'static str>,
}

impl PickerPage {
    fn round_text(&self, r: &RoundOption) -> String {
        crate::t3(
            "exports-round-option",
            "round",
            &r.label,
            "state",
            r.state.label().to_lowercase(),
            "date",
            format::date_short(r.period_end),
        )
    }
}

enum Choice {
    Round(Uuid),
    NoRound,
}

/// Reads the picked round: missing means the newest round; anything not in the list is an error.
fn choose(raw: Option<&str>, rounds: &[RoundOption]) -> Result<Choice, &'static str> {
    match raw.map(str::trim) {
        None | Some("") => Ok(rounds
            .first()
            .map(|r| Choice::Round(r.id))
            .unwrap_or(Choice::NoRound)),
        Some(NO_ROUND) => Ok(Choice::NoRound),
        Some(text) => Uuid::parse_str(text)
            .ok()
            .filter(|id| rounds.iter().any(|r| r.id == *id))
            .map(Choice::Round)
            .ok_or("round"),
    }
}

async fn load(tx: &mut TenantTx) -> AppResult<(Option<CurrentStrategy>, Vec<RoundOption>)> {
    let strategy = crate::kernel::strategy::current(tx).await?;
    let rounds = match &strategy {
        Some(s) => data::rounds(tx, s.id).await?,
        None => Vec::new(),
    };
    Ok((strategy, rounds))
}

fn picker_page(
    member: &Member,
    strategy: Option<CurrentStrategy>,
    rounds: Vec<RoundOption>,
    selected: String,
    error: Option<&'static str>,
) -> PickerPage {
    PickerPage {
        chrome: Chrome::member(
            crate::t1("exports-page-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        strategy: strategy.map(|s| s.title),
        rounds,
        selected,
        error,
    }
}

pub async fn picker(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let (strategy, rounds) = load(&mut tx).await?;
    tx.commit().await?;
    let selected = match choose(q.round.as_deref(), &rounds) {
        Ok(Choice::Round(id)) => id.to_string(),
        _ => NO_ROUND.to_string(),
    };
    Ok(render(&picker_page(
        &member, strategy, rounds, selected, None,
    )))
}

pub async fn download(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    // One transaction: the rows are read from the same snapshot as the round list.
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let (strategy, rounds) = load(&mut tx).await?;
    let kept = q.round.clone().unwrap_or_default();
    let Some(strategy) = strategy else {
        let page = picker_page(&member, None, rounds, kept, None);
        return Ok((StatusCode::NOT_FOUND, render(&page)).into_response());
    };
    let choice = choose(q.round.as_deref(), &rounds);
    let format = match q.format.as_deref() {
        Some("csv") => Ok("csv"),
        Some("xlsx") => Ok("xlsx"),
        _ => Err("format"),
    };
    let (choice, format) = match (choice, format) {
        (Ok(choice), Ok(format)) => (choice, format),
        (Err(e), _) | (_, Err(e)) => {
            let page = picker_page(&member, Some(strategy), rounds, kept, Some(e));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
        }
    };
    let round = match choice {
        Choice::Round(id) => rounds.iter().find(|r| r.id == id),
        Choice::NoRound => None,
    };
    let rows = data::rows(&mut tx, strategy.id, round.map(|r| r.id)).await?;
    tx.commit().await?;
    let term = strategy.area_term();

    let name = file_name(&member.tenant.slug, round.map(|r| r.label.as_str()), format);
    let (body, content_type) = if format == "csv" {
        let body = super::csv_file::write(&rows, &term)
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing CSV")))?;
        (body, "text/csv; charset=utf-8")
    } else {
        let body = super::xlsx_file::write(&crate::t("exports-sheet-name"), &rows, &term)
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing XLSX")))?;
        (
            body,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    };
    let disposition = format!(
        "attachment; filename=\"{name}\"; filename*=UTF-8''{}",
        percent(&name)
    );
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition)
            .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

/// "sonderborg-strategi-2025-2-2026-05-01.xlsx": ASCII only, so that every browser and OS keeps it.
fn file_name(slug: &str, round: Option<&str>, extension: &str) -> String {
    let round = round.map(ascii_slug).filter(|s| !s.is_empty());
    let word = ascii_slug(&crate::t("exports-file-name"));
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .format("%Y-%m-%d");
    match round {
        Some(round) => format!("{slug}-{word}-{round}-{today}.{extension}"),
        None => format!("{slug}-{word}-{today}.{extension}"),
    }
}

fn ascii_slug(text: &str) -> String {
    crate::web::file_name::slug(text)
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ascii_slug;

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            ascii_slug("Forår 2026 / Første halvår"),
            "foraar-2026-foerste-halvaar"
        );
        assert_eq!(ascii_slug("  2025-2 "), "2025-2");
    }
}

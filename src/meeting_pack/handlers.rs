//! The meeting pack as a page and as a PDF download.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use super::pack::Pack;
use crate::AppState;
use crate::dashboard::page::{RoundPicker, round_query};
use crate::dashboard::snapshot::{self, Snapshot};
use crate::dashboard::{RoundQuery, today};
use crate::db::TenantTx;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult};

#[derive(Template)]
#[template(path = "meeting_pack/pack.html")]
struct PackPage {
    chrome: Chrome,
    slug: String,
    has_strategy: bool,
    /// The current strategy is a draft, not adopted: the page says so.
    draft: bool,
    pack: Option<Pack>,
    picker: Option<RoundPicker>,
    round_query: String,
}

pub async fn load(
    app: &AppState,
    member: &Member,
    mut tx: TenantTx,
    query: &RoundQuery,
) -> AppResult<Option<Arc<Snapshot>>> {
    let snapshot = snapshot::cached(app, member, &mut tx, query.id()).await?;
    tx.commit().await?;
    Ok(snapshot)
}

pub async fn html(
    State(app): State<AppState>,
    member: Member,
    tx: TenantTx,
    Query(query): Query<RoundQuery>,
) -> AppResult<Response> {
    let snapshot = load(&app, &member, tx, &query).await?;
    let tenant = &member.tenant;
    let pack = snapshot
        .as_ref()
        .and_then(|s| Pack::build(s, &tenant.name, today()));
    let title = match &pack {
        Some(p) => crate::t2(
            "meeting-pack-page-title",
            "round",
            &p.round,
            "tenant",
            &tenant.name,
        ),
        None => crate::t1("meeting-pack-page-title-plain", "tenant", &tenant.name),
    };
    let page = PackPage {
        chrome: Chrome::member(title, &member),
        slug: tenant.slug.clone(),
        has_strategy: snapshot.is_some(),
        draft: snapshot.as_ref().is_some_and(|s| s.strategy.is_draft()),
        picker: snapshot
            .as_ref()
            .map(|s| RoundPicker::new(s, format!("/t/{}/meeting-pack", tenant.slug), Vec::new())),
        round_query: snapshot.as_deref().map(round_query).unwrap_or_default(),
        pack,
    };
    Ok(render(&page))
}

pub async fn pdf(
    State(app): State<AppState>,
    member: Member,
    tx: TenantTx,
    Query(query): Query<RoundQuery>,
) -> AppResult<Response> {
    let snapshot = load(&app, &member, tx, &query).await?;
    let tenant = &member.tenant;
    // Without a round there is no pack: the page explains why.
    let Some(pack) = snapshot
        .as_ref()
        .and_then(|s| Pack::build(s, &tenant.name, today()))
    else {
        return Err(AppError::NotFound);
    };
    let markup = pack
        .render()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("meeting pack markup")))?;
    let title = format!("{} – {} – {}", pack.strategy, pack.round, tenant.name);
    // Layout and font subsetting are CPU work: keep them off the async runtime. The markup is
    // already in the request's language; the PDF's metadata is told which one it is.
    let lang = crate::i18n::current();
    // The charts the HTML pack shows, with their words in the request's language.
    let charts: Vec<super::pdf::Chart> = pack
        .chart
        .iter()
        .map(super::pdf::Chart::from_bars)
        .collect();
    let bytes =
        tokio::task::spawn_blocking(move || super::pdf::render(&markup, &charts, &title, lang))
            .await
            .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?
            .map_err(AppError::Internal)?;
    let file = format!(
        "attachment; filename=\"{}.pdf\"",
        file_name(&tenant.slug, &pack.round)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    )
        .into_response())
}

/// "moedepakke-sonderborg-2026-h2": the pack's word in the reader's language, the municipality
/// and the round, written out in ASCII by the one function for file names.
pub fn file_name(slug: &str, round: &str) -> String {
    use crate::web::file_name::slug as ascii;
    [
        ascii(&crate::t("meeting-pack-file-name")),
        ascii(slug),
        ascii(round),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join("-")
}

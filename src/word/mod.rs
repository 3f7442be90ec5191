//! Word downloads: the meeting pack of a round and an approved strategy version as editable DOCX
//! files, for the committee system and the council (issue 16.2). Real headings, lists and
//! tables (`doc`), the pages' charts as pictures (`chart`), the texts of the pages in the
//! request's language (`content`).
//!
//! Who may download: whoever may read the page. The meeting pack's document needs `Decide`, as
//! its page; a version's needs `ReadStrategy`, as its page. Only approved versions have a number
//! and a page, so only they have a Word file: the strategy as it is being edited (the draft) is
//! not offered, and a number not yet approved is a 404. A meeting pack of a strategy that is
//! still a draft carries the same "Kladde – ikke vedtaget" line under its title as its page.

mod chart;
mod content;
pub mod doc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;

use crate::AppState;
use crate::dashboard::{RoundQuery, today};
use crate::db::{TenantTx, begin_tenant_tx};
use crate::kernel::access::{Access, Capability, Member};
use crate::kernel::ids::{IdPath, VersionNumber};
use crate::kernel::routes::RouteTable;
use crate::meeting_pack::pack::Pack;
use crate::web::{AppError, AppResult};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/meeting-pack.docx",
            Access::Members(Capability::Decide),
            pack,
        )
        .get(
            "/t/{slug}/versions/{number}/docx",
            Access::Members(Capability::ReadStrategy),
            version,
        )
}

fn download(bytes: Vec<u8>, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, DOCX.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.docx\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Writing the document and rendering its charts is CPU work: off the async runtime, in the
/// request's language (the task-local does not cross into the blocking thread by itself).
async fn write<F>(f: F) -> AppResult<Vec<u8>>
where
    F: FnOnce(crate::i18n::Lang) -> anyhow::Result<Vec<u8>> + Send + 'static,
{
    let lang = crate::i18n::current();
    tokio::task::spawn_blocking(move || crate::i18n::sync_scope(lang, || f(lang)))
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?
        .map_err(AppError::Internal)
}

/// The meeting pack of the round in `?round=` (else the latest), as on its page. A round that is
/// not one of this municipality's opened rounds is a 404 here, not another round's document.
pub async fn pack(
    State(app): State<AppState>,
    member: Member,
    tx: TenantTx,
    Query(query): Query<RoundQuery>,
) -> AppResult<Response> {
    let snapshot = crate::meeting_pack::load(&app, &member, tx, &query).await?;
    let tenant = &member.tenant;
    let snapshot = snapshot.ok_or(AppError::NotFound)?;
    if !query.round.trim().is_empty()
        && (query.id().is_none() || snapshot.round().map(|r| r.id) != query.id())
    {
        return Err(AppError::NotFound);
    }
    let pack = Pack::build(&snapshot, &tenant.name, today()).ok_or(AppError::NotFound)?;
    let name = crate::meeting_pack::file_name(&tenant.slug, &pack.round);
    let bytes = write(move |lang| content::pack(&pack, lang)).await?;
    Ok(download(bytes, &name))
}

pub async fn version(
    State(db): State<PgPool>,
    member: Member,
    IdPath(VersionNumber(number)): IdPath<VersionNumber>,
) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let mut tx = begin_tenant_tx(&db, tenant.id).await?;
    let approved = crate::revisions::approved(&mut tx, tenant.id, number).await?;
    tx.commit().await?;
    let name = file_name(&tenant.slug, number);
    let bytes = write(move |lang| content::version(&tenant.name, &approved, lang)).await?;
    Ok(download(bytes, &name))
}

/// "strategi-sonderborg-version-2": like the meeting pack's, in the reader's language.
fn file_name(slug: &str, number: i32) -> String {
    use crate::web::file_name::slug as ascii;
    [
        ascii(&crate::t("word-file-name-strategy")),
        ascii(slug),
        ascii(&crate::t1("revisions-version-n", "number", number)),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join("-")
}

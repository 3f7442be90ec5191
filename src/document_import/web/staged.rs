//! The staged document (`document_uploads`): what the reader saw and proposed, kept between the
//! upload, the preview and the acceptance. Every statement runs in the caller's tenant
//! transaction, so another municipality's id finds nothing.

use sqlx::types::Json;
use uuid::Uuid;

use super::super::proposal::{Document, Proposal};
use crate::db::TenantTx;
use crate::kernel::ids::DocumentUploadId;

/// How long a preview can be accepted after the upload.
const LIFETIME_HOURS: i32 = 24;
/// Expired previews are kept this much longer (so that their page says "expired" rather than
/// "not found"), then removed by the next upload in the municipality.
const KEPT_EXPIRED_DAYS: i32 = 7;

pub struct Staged {
    pub id: DocumentUploadId,
    /// The file's name; empty for pasted text.
    pub file_name: String,
    pub document: Document,
    pub proposal: Proposal,
    pub expired: bool,
    /// The draft created from it, once accepted.
    pub accepted: Option<Uuid>,
}

/// Keeps a read document and its proposal; clears the municipality's long-expired ones.
pub async fn store(
    tx: &mut TenantTx,
    user: Uuid,
    file_name: &str,
    document: &Document,
    proposal: &Proposal,
) -> sqlx::Result<DocumentUploadId> {
    let tenant = tx.tenant_id();
    sqlx::query!(
        "DELETE FROM document_uploads WHERE tenant_id = $1 AND expires_at < now() - make_interval(days => $2)",
        tenant,
        KEPT_EXPIRED_DAYS
    )
    .execute(&mut **tx)
    .await?;
    let id = DocumentUploadId(Uuid::now_v7());
    sqlx::query!(
        r#"INSERT INTO document_uploads (tenant_id, id, user_id, file_name, document, proposal, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7))"#,
        tenant,
        id as DocumentUploadId,
        user,
        file_name,
        Json(document) as _,
        Json(proposal) as _,
        LIFETIME_HOURS
    )
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// The staged document `id` of this municipality, locked for the rest of the transaction when
/// `lock` (the acceptance: a second one waits and then finds it consumed). `None` when there is
/// no such row here, or when what is stored no longer reads as a document and a proposal (a
/// preview staged by an older version of Retning: it is as good as expired).
pub async fn load(
    tx: &mut TenantTx,
    id: DocumentUploadId,
    lock: bool,
) -> sqlx::Result<Option<Loaded>> {
    let tenant = tx.tenant_id();
    // `FOR UPDATE` only where the caller will write: a page view takes no lock.
    let row = if lock {
        sqlx::query!(
            r#"SELECT id as "id: DocumentUploadId", file_name, document, proposal, expires_at < now() as "expired!",
                      accepted_strategy_id
               FROM document_uploads WHERE tenant_id = $1 AND id = $2
               FOR UPDATE"#,
            tenant,
            id as DocumentUploadId
        )
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| Row {
            id: r.id,
            file_name: r.file_name,
            document: r.document,
            proposal: r.proposal,
            expired: r.expired,
            accepted: r.accepted_strategy_id,
        })
    } else {
        sqlx::query!(
            r#"SELECT id as "id: DocumentUploadId", file_name, document, proposal, expires_at < now() as "expired!",
                      accepted_strategy_id
               FROM document_uploads WHERE tenant_id = $1 AND id = $2"#,
            tenant,
            id as DocumentUploadId
        )
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| Row {
            id: r.id,
            file_name: r.file_name,
            document: r.document,
            proposal: r.proposal,
            expired: r.expired,
            accepted: r.accepted_strategy_id,
        })
    };
    let Some(Row {
        id,
        file_name,
        document,
        proposal,
        expired,
        accepted,
    }) = row
    else {
        return Ok(None);
    };
    let read = serde_json::from_value::<Document>(document)
        .ok()
        .zip(serde_json::from_value::<Proposal>(proposal).ok());
    Ok(Some(match read {
        Some((document, proposal)) => Loaded::Readable(Box::new(Staged {
            id,
            file_name,
            document,
            proposal,
            expired,
            accepted,
        })),
        None => Loaded::Unreadable { accepted },
    }))
}

/// A row as stored, before its JSON is read.
struct Row {
    id: DocumentUploadId,
    file_name: String,
    document: serde_json::Value,
    proposal: serde_json::Value,
    expired: bool,
    accepted: Option<Uuid>,
}

pub enum Loaded {
    Readable(Box<Staged>),
    /// Stored, but no longer readable (see `load`).
    Unreadable {
        accepted: Option<Uuid>,
    },
}

/// Marks the document as accepted into `strategy`, in the transaction that created it.
pub async fn accept(tx: &mut TenantTx, id: DocumentUploadId, strategy: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE document_uploads SET accepted_strategy_id = $3, accepted_at = now() WHERE tenant_id = $1 AND id = $2",
        tx.tenant_id(),
        id as DocumentUploadId,
        strategy
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

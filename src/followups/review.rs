//! The secretariat's review of a submitted follow-up: approve it, or return it with a comment.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::queries;
use crate::AppState;
use crate::audit::{self, Event};
use crate::auth::ClientIp;
use crate::auth::access::Member;
use crate::db::begin_tenant_tx;
use crate::domain::{ReviewState, RoundState};
use crate::web::AppResult;

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    comment: String,
}

pub async fn decide(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    let f = super::form::load(&state, &member, &id).await?;
    let (id, tenant) = (f.id, member.tenant.id);
    let comment = form.comment.trim().to_string();
    let problem = if f.round_state != RoundState::Open {
        Some("Runden er lukket. Intet er ændret.".to_string())
    } else if f.review_state != ReviewState::Submitted {
        Some("Opfølgningen er ikke indsendt (længere). Intet er ændret.".to_string())
    } else if form.action == "return" && comment.is_empty() {
        Some("Skriv en kommentar, så den ansvarlige ved, hvad der skal rettes.".to_string())
    } else if comment.chars().count() > 5000 {
        Some("Kommentaren må højst være 5000 tegn.".to_string())
    } else if form.action != "return" && form.action != "approve" {
        Some("Vælg godkend eller send retur.".to_string())
    } else {
        None
    };
    if let Some(problem) = problem {
        return super::form::with_error(
            &state,
            &member,
            f,
            "review",
            problem,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (new_state, kind, saved) = if form.action == "approve" {
        (ReviewState::Approved, "approved", "approved")
    } else {
        (ReviewState::Returned, "returned", "returned")
    };
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    // Only a follow-up that is still submitted is decided: a second click, or a colleague who
    // decided first, changes nothing.
    let decided = sqlx::query!(
        "UPDATE followups SET review_state = $3, version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND review_state = 'submitted'",
        tenant,
        id,
        new_state as ReviewState
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if decided == 0 {
        drop(tx);
        let message = "Opfølgningen er ikke indsendt (længere). Intet er ændret.".to_string();
        return super::form::with_error(
            &state,
            &member,
            f,
            "review",
            message,
            StatusCode::CONFLICT,
        )
        .await;
    }
    queries::add_comment(
        &mut tx,
        tenant,
        id,
        member.user_id(),
        kind,
        (!comment.is_empty()).then_some(comment.as_str()),
    )
    .await?;
    let action = if new_state == ReviewState::Approved {
        "followup.approved"
    } else {
        "followup.returned"
    };
    let summary = format!(
        "Opfølgning {} ({}): {}",
        new_state.label().to_lowercase(),
        f.round_label,
        f.subject.chars().take(120).collect::<String>()
    );
    let event = Event::new(action, "followup", Some(id), summary).change(
        Some(serde_json::json!({ "review": "submitted" })),
        Some(serde_json::json!({ "review": new_state.as_str(), "comment": comment })),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/followups/{id}?saved={saved}",
        member.tenant.slug
    ))
    .into_response())
}

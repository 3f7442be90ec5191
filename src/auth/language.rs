//! The language switch in the header (and on the account page).

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use crate::AppState;
use crate::db::tenant_tx::begin_user_tx;
use crate::i18n::{Lang, negotiate};
use crate::kernel::access::{Access, Viewer};
use crate::kernel::routes::RouteTable;
use crate::web::AppResult;

pub fn routes(table: RouteTable) -> RouteTable {
    table.post("/language", Access::Public, switch)
}

#[derive(Debug, Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    lang: String,
    /// The page to come back to; only a local path is followed.
    #[serde(default)]
    back: String,
}

/// Remembers the language in a cookie, and for a signed-in user also on the account, so that
/// it follows them to their next sign-in on any device. A display preference changes nobody's
/// data, so it is not written to the municipalities' audit logs.
async fn switch(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    jar: CookieJar,
    Form(form): Form<SwitchForm>,
) -> AppResult<Response> {
    let back = crate::web::redirect::local_target(&form.back).unwrap_or_else(|| "/".into());
    let Some(lang) = Lang::from_code(&form.lang) else {
        // An unknown language changes nothing; the page simply stays as it was.
        return Ok(Redirect::to(&back).into_response());
    };
    if let Some(user) = user {
        let mut tx = begin_user_tx(&state.db, user.user_id).await?;
        sqlx::query!(
            "UPDATE users SET locale = $1 WHERE id = $2",
            lang.code(),
            user.user_id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    let jar = jar.add(negotiate::cookie(
        lang,
        state.settings.sessions.secure_cookie,
    ));
    Ok((jar, Redirect::to(&back)).into_response())
}

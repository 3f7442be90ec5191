//! A follow-up posted after its writer's session expired: the text is kept (`crate::auth::pending`),
//! the browser is sent to sign in and comes back to the form, which fills the text in again. Only
//! for the user of a real, recently expired session in this browser, on a follow-up they may edit;
//! any other post is sent to sign in without anything being read or written.

use std::future::Future;
use std::pin::Pin;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;

use crate::kernel::access::{Expired, membership, to_login};
use crate::kernel::ids::{FollowUpId, PathId};
use crate::kernel::session;
use crate::web::AppError;

/// The follow-up form's `OnExpired` (see `crate::kernel::routes::RouteTable::post_keeping`).
pub(super) fn keep_and_sign_in(expired: Expired) -> Pin<Box<dyn Future<Output = Response> + Send>> {
    Box::pin(keep(expired))
}

async fn keep(
    Expired {
        app,
        mut parts,
        body,
    }: Expired,
) -> Response {
    let jar = CookieJar::from_headers(&parts.headers);
    let writer = match jar.get(session::COOKIE_NAME) {
        Some(cookie) if !cookie.value().is_empty() => {
            match session::recently_expired(&app.db, cookie.value(), &app.settings.sessions).await {
                Ok(writer) => writer,
                Err(e) => return AppError::from(e).into_response(),
            }
        }
        _ => None,
    };
    let Some(writer) = writer else {
        return to_login(&parts);
    };
    let Ok(params) = RawPathParams::from_request_parts(&mut parts, &app).await else {
        return to_login(&parts);
    };
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    let (slug, id) = (param("slug"), param("id"));
    let member = match membership(&app, &slug, writer).await {
        Ok(member) => member,
        Err(AppError::NotFound) => return to_login(&parts),
        Err(e) => return e.into_response(),
    };
    // A malformed id is a follow-up that does not exist: nothing is kept.
    let Some(id) = FollowUpId::from_path(&id) else {
        return to_login(&parts);
    };
    match super::form::may_keep_pending(&app, &member, id).await {
        Ok(true) => {}
        Ok(false) => return to_login(&parts),
        Err(e) => return e.into_response(),
    }
    let path = parts.uri.path().to_string();
    let kept = match axum::body::to_bytes(body, crate::auth::pending::MAX_BODY).await {
        Ok(bytes) => match String::from_utf8(bytes.to_vec()) {
            Ok(text) => crate::auth::pending::keep(
                &app.db,
                member.user_id(),
                &path,
                &text,
                app.settings.sessions.secure_cookie,
            )
            .await
            .ok(),
            Err(_) => None,
        },
        Err(_) => None,
    };
    let encoded: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    let redirect = Redirect::to(&format!("/login?next={encoded}&expired=1"));
    match kept {
        Some(cookie) => (CookieJar::new().add(cookie), redirect).into_response(),
        None => redirect.into_response(),
    }
}

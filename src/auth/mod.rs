//! Accounts: sign-in and sign-out, sessions, the user's own account page, and one-time links
//! for setting a password (invitations and resets).

mod account;
pub mod account_mail;
mod forgot_password;
mod invitations;
pub mod language;
pub mod links;
pub(crate) mod login;
pub mod password;
pub mod pending;
pub mod rate_limit;
mod set_password;
pub mod users;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::kernel::access::Access;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/login", Access::Public, login::form)
        .post("/login", Access::Public, login::submit)
        .post("/logout", Access::SignedIn, login::logout)
        .get("/account", Access::SignedIn, account::page)
        .post("/account/name", Access::SignedIn, account::change_name)
        .post(
            "/account/password",
            Access::SignedIn,
            account::change_password,
        )
        .get("/account/sessions", Access::SignedIn, account::sessions)
        .post(
            "/account/sessions/end-others",
            Access::SignedIn,
            account::end_other_sessions,
        )
        .get("/set-password/{token}", Access::Public, set_password::form)
        .post(
            "/set-password/{token}",
            Access::Public,
            set_password::submit,
        )
        .get("/forgot-password", Access::Public, forgot_password::form)
        .post("/forgot-password", Access::Public, forgot_password::submit)
        .get("/invitations", Access::SignedIn, invitations::page)
        .post("/invitations", Access::SignedIn, invitations::respond)
}

/// The peer's IP address, when the server knows it (not in router tests).
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string()),
        ))
    }
}

/// The browser's User-Agent, for the session list.
pub fn user_agent(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

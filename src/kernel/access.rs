//! Who may do what: every route declares an `Access`, and `guard` enforces it before the handler
//! runs. A tenant route for someone who is not an active member with a fitting role answers 404,
//! exactly like a tenant that does not exist, so municipalities cannot be enumerated.
//!
//! The one policy: what a member may do is a [`Capability`], and [`capabilities`] is the only place
//! that says which role holds which. Routes declare `Access::Members(Capability::X)`; handlers,
//! the navigation and templates ask `member.can(..)` / `chrome.can(..)` (as svix's permissions and
//! lldap's access-control levels are asked, never the role itself).

use std::future::Future;
use std::pin::Pin;

use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use uuid::Uuid;

use std::sync::{Arc, Mutex};

use super::session::{self, SessionUser};
use crate::AppState;
use crate::db::TenantTx;
use crate::domain::MemberRole;
use crate::kernel::tenancy::Tenant;
use crate::web::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone, and the session is not even looked at: for probes such as /healthz, which must
    /// answer without the database (a session cookie would otherwise cost a lookup).
    Probe,
    /// Any signed-in user.
    SignedIn,
    /// An active member of the tenant in the path (`{slug}`) whose role holds this capability.
    Members(Capability),
    /// A valid API token of the tenant in the path (`Authorization: Bearer`); no session. Answers
    /// are JSON: 404 for an unknown tenant, 401 for a missing, revoked or foreign token.
    ApiToken,
    /// A valid SCIM token of the tenant in the path (the directory's provisioning, `crate::scim`);
    /// no session. Answers are SCIM JSON: 401 for a missing, revoked or foreign token (and for an
    /// unknown tenant), before the body is read.
    ScimToken,
}

/// What a member of a municipality may do. Which roles hold which is [`capabilities`]'s alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Read the strategy and everything about its follow-up: tree, dashboard, status, initiatives,
    /// stories, versions, people, exports, one's own follow-ups.
    ReadStrategy,
    /// Write a follow-up one owns (the route is open to every member; the follow-up decides).
    WriteOwnFollowUp,
    /// Write any follow-up, on its owner's behalf.
    WriteAnyFollowUp,
    /// Create, open and close follow-up rounds and see their progress.
    RunRounds,
    /// Approve a submitted follow-up or send it back.
    ReviewFollowUps,
    /// Open the meeting pack and record the steering group's decisions.
    Decide,
    /// Create, edit, move, archive and restore the strategy's items.
    EditStrategy,
    /// Approve the strategy as a new version.
    ApproveVersion,
    /// The municipality's administration: users, branding, audit log, API tokens, public page.
    Administer,
}

/// The one table of who may do what: the capabilities each role holds.
pub const fn capabilities(role: MemberRole) -> &'static [Capability] {
    use Capability::*;
    const READER: &[Capability] = &[ReadStrategy, WriteOwnFollowUp];
    const STEERING: &[Capability] = &[ReadStrategy, WriteOwnFollowUp, Decide];
    const SECRETARIAT: &[Capability] = &[
        ReadStrategy,
        WriteOwnFollowUp,
        WriteAnyFollowUp,
        RunRounds,
        ReviewFollowUps,
        Decide,
        EditStrategy,
        ApproveVersion,
    ];
    const ADMIN: &[Capability] = &[
        ReadStrategy,
        WriteOwnFollowUp,
        WriteAnyFollowUp,
        RunRounds,
        ReviewFollowUps,
        Decide,
        EditStrategy,
        ApproveVersion,
        Administer,
    ];
    match role {
        MemberRole::Admin => ADMIN,
        MemberRole::Secretariat => SECRETARIAT,
        MemberRole::Steering => STEERING,
        MemberRole::Contributor | MemberRole::Viewer => READER,
    }
}

/// Whether `role` holds `capability`.
pub fn can(role: MemberRole, capability: Capability) -> bool {
    capabilities(role).contains(&capability)
}

impl Capability {
    /// The roles that hold this capability (for the route walk in tests/access.rs).
    pub fn iter(self) -> impl Iterator<Item = MemberRole> {
        MemberRole::ALL
            .iter()
            .copied()
            .filter(move |role| can(*role, self))
    }
}

/// The signed-in user, if any. Available on every route.
#[derive(Debug, Clone)]
pub struct Viewer(pub Option<SessionUser>);

/// An active member of the tenant in the path. Available on `Access::Members` routes.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: SessionUser,
    pub tenant: Tenant,
    pub role: MemberRole,
    /// The municipality's data version as this request's guard read it (`kernel::snapshot_cache`).
    pub data_version: i64,
}

impl Member {
    pub fn user_id(&self) -> Uuid {
        self.user.user_id
    }

    /// Whether this member's role holds `capability`.
    pub fn can(&self, capability: Capability) -> bool {
        can(self.role, capability)
    }

    /// This member as the author of an audit event.
    pub fn actor(&self, ip: Option<String>) -> crate::kernel::audit::Actor {
        crate::kernel::audit::Actor::user(self.user_id(), self.user.display_name.clone(), ip)
    }
}

#[derive(Clone)]
pub struct Guard {
    pub access: Access,
    pub app: AppState,
    /// What the route does with a post that arrives without a live session, instead of only
    /// sending the poster to sign in (see `crate::kernel::routes::RouteTable::post_keeping`).
    pub on_expired: Option<OnExpired>,
}

/// A post that arrived without a live session, handed whole to the route's `OnExpired`.
pub struct Expired {
    pub app: AppState,
    pub parts: Parts,
    pub body: axum::body::Body,
}

/// A route's answer to a post without a live session. A plain function pointer, so that the
/// kernel knows nothing of the feature (the follow-up form) that keeps the text.
pub type OnExpired = fn(Expired) -> Pin<Box<dyn Future<Output = Response> + Send>>;

/// Resolves the session and checks the route's access before the handler runs.
pub async fn guard(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    match check(&guard, request).await {
        Ok(request) => next.run(request).await,
        Err(response) => response,
    }
}

async fn check(guard: &Guard, request: Request) -> Result<Request, Response> {
    if guard.access == Access::Probe {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    if guard.access == Access::ApiToken {
        let client = crate::kernel::api_token::authenticate(&guard.app, &mut parts)
            .await
            .map_err(IntoResponse::into_response)?;
        parts.extensions.insert(client);
        return Ok(Request::from_parts(parts, body));
    }
    if guard.access == Access::ScimToken {
        let client = crate::kernel::scim_token::authenticate(&guard.app, &mut parts)
            .await
            .map_err(IntoResponse::into_response)?;
        parts.extensions.insert(client);
        return Ok(Request::from_parts(parts, body));
    }
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar
        .get(session::COOKIE_NAME)
        .map(|c| c.value().to_string())
        .filter(|v| !v.is_empty());
    if let Access::Members(capability) = guard.access {
        let found = match &token {
            Some(token) => {
                let params = RawPathParams::from_request_parts(&mut parts, &guard.app)
                    .await
                    .map_err(|_| AppError::NotFound.into_response())?;
                let slug = params
                    .iter()
                    .find(|(k, _)| *k == "slug")
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default();
                member_check(&guard.app, token, &slug)
                    .await
                    .map_err(IntoResponse::into_response)?
            }
            None => None,
        };
        let Some(found) = found else {
            return Err(signed_out(guard, parts, body).await);
        };
        let (member, tx) = found.ok_or_else(|| AppError::NotFound.into_response())?;
        if !member.can(capability) {
            return Err(AppError::NotFound.into_response());
        }
        let user = member.user.clone();
        parts.extensions.insert(member);
        parts.extensions.insert(HandlerTx(Arc::new(Mutex::new(tx))));
        parts.extensions.insert(Viewer(Some(user)));
        return Ok(Request::from_parts(parts, body));
    }
    let user = match token {
        Some(token) => session::lookup(&guard.app.db, &token, &guard.app.settings.sessions)
            .await
            .map_err(|e| AppError::from(e).into_response())?,
        None => None,
    };
    if guard.access != Access::Public && user.is_none() {
        return Err(signed_out(guard, parts, body).await);
    }
    parts.extensions.insert(Viewer(user));
    Ok(Request::from_parts(parts, body))
}

/// The answer to a request without a live session: a post the route keeps (`OnExpired`), else
/// the way to the sign-in page.
async fn signed_out(guard: &Guard, parts: Parts, body: axum::body::Body) -> Response {
    if parts.method == axum::http::Method::POST
        && let Some(on_expired) = guard.on_expired
    {
        let app = guard.app.clone();
        return on_expired(Expired { app, parts, body }).await;
    }
    to_login(&parts)
}

/// A member page's checks in one statement (the SQL function `guard_member`, migration
/// 20261205000100) on the transaction handed to the page: the live session, the municipality
/// with its data version, and the membership. None: no live session. Some(None): the
/// municipality does not exist or the user is no active member of it (a 404 either way).
///
/// The session's last-seen time is written at most once a minute, inside this transaction, which
/// the page commits with its own work (`touched` in the answer: a transaction the page does not
/// take is then committed as it is dropped, see [`HandlerTx`]). Every other page view writes
/// nothing. A page that rolls its transaction back (a form with errors) loses the write, and the
/// session's next request writes it: the idle timeout counts from a committed request.
async fn member_check(
    app: &AppState,
    token: &str,
    slug: &str,
) -> Result<Option<Option<(Member, GuardTx)>>, AppError> {
    let hash = session::token_hash(token);
    let idle_cutoff = chrono::Utc::now() - app.settings.sessions.idle;
    let mut tx = crate::db::begin(&app.db).await?;
    let row = sqlx::query!(
        r#"SELECT user_id as "user_id!", email as "email!", display_name as "display_name!",
                  touched as "touched!", tenant_id, slug, name, is_demo, brand_colour,
                  accessibility_statement_url, data_version, role as "role: MemberRole"
           FROM guard_member($1, $2, $3)"#,
        hash,
        idle_cutoff,
        slug
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        tx.rollback().await?;
        return Ok(None);
    };
    let user = SessionUser {
        user_id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        session_hash: hash,
    };
    let (Some(id), Some(slug), Some(name), Some(is_demo), Some(data_version), Some(role)) = (
        row.tenant_id,
        row.slug,
        row.name,
        row.is_demo,
        row.data_version,
        row.role,
    ) else {
        if row.touched {
            tx.commit().await?;
        }
        return Ok(Some(None));
    };
    let tenant = Tenant {
        id,
        slug,
        name,
        is_demo,
        brand_colour: row.brand_colour,
        accessibility_statement_url: row.accessibility_statement_url,
    };
    // guard_member set the transaction's municipality to this one.
    let tx = crate::db::TenantTx::set_by_caller(tx, tenant.id);
    let member = Member {
        user,
        tenant,
        role,
        data_version,
    };
    Ok(Some(Some((member, GuardTx::new(tx, row.touched)))))
}

/// `user`'s active membership of the municipality `slug`; a 404 when there is none.
pub async fn membership(app: &AppState, slug: &str, user: SessionUser) -> Result<Member, AppError> {
    let (member, tx) = member_and_tx(app, slug, user).await?;
    tx.commit().await?;
    Ok(member)
}

/// The membership, checked on the transaction that the handler goes on to use: a page view opens
/// one transaction, not one for the guard and another for the page.
async fn member_and_tx(
    app: &AppState,
    slug: &str,
    user: SessionUser,
) -> Result<(Member, TenantTx), AppError> {
    let tenant = crate::kernel::tenancy::by_slug(&app.db, slug).await?;
    let mut tx = crate::db::begin_tenant_tx(&app.db, tenant.id).await?;
    let role = crate::kernel::memberships::active_role(&mut tx, user.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let data_version = data_version(&mut tx).await?;
    Ok((
        Member {
            user,
            tenant,
            role,
            data_version,
        },
        tx,
    ))
}

/// The municipality's data version, read in its transaction (before anything it guards is
/// loaded: see `kernel::snapshot_cache`).
pub async fn data_version(tx: &mut TenantTx) -> sqlx::Result<i64> {
    let tenant = tx.tenant_id();
    sqlx::query_scalar!("SELECT data_version FROM tenants WHERE id = $1", tenant)
        .fetch_one(&mut **tx)
        .await
}

/// The transaction the guard checked the membership on, waiting for the handler (request
/// extensions must be `Clone`, so it is shared until taken). A handler takes it as a `TenantTx`
/// argument; one that does not lets it roll back when the request's extensions are dropped, which
/// happens when the handler's arguments have been extracted, before its body runs, so no request
/// holds two connections.
#[derive(Clone)]
struct HandlerTx(Arc<Mutex<GuardTx>>);

/// The guard's transaction until a handler takes it, and whether it holds the session's
/// once-a-minute last-seen write.
struct GuardTx {
    tx: Option<TenantTx>,
    touched: bool,
}

impl GuardTx {
    fn new(tx: TenantTx, touched: bool) -> Self {
        Self {
            tx: Some(tx),
            touched,
        }
    }
}

impl Drop for GuardTx {
    /// A transaction no handler took holds nothing but the guard's reads, and the last-seen write
    /// when there is one: that is committed (in the background, as a drop cannot wait), the rest
    /// rolls back as sqlx does with a dropped transaction.
    fn drop(&mut self) {
        if self.touched
            && let Some(tx) = self.tx.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(async move {
                if let Err(error) = tx.commit().await {
                    tracing::warn!(%error, "could not note a session's last request");
                }
            });
        }
    }
}

/// 303 to the sign-in page, coming back here afterwards (for GET; a POST goes back to the front page).
pub fn to_login(parts: &Parts) -> Response {
    let next = if parts.method == axum::http::Method::GET {
        parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str())
            .unwrap_or("/")
    } else {
        "/"
    };
    let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    Redirect::to(&format!("/login?next={encoded}")).into_response()
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .unwrap_or(Viewer(None)))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Member {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Member>().cloned().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "Member used on a route without member access"
            ))
        })
    }
}

/// The transaction of the municipality in the path, on which the guard found the member: on
/// `Access::Members` routes only, taken at most once.
impl<S: Send + Sync> FromRequestParts<S> for TenantTx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .remove::<HandlerTx>()
            .and_then(|shared| shared.0.lock().ok()?.tx.take())
            .ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!(
                    "TenantTx taken on a route without member access, or twice"
                ))
            })
    }
}

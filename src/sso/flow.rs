//! The sign-in through a municipality's provider: out (from /login) and back (the callback),
//! where the account is found by (municipality, issuer, subject), created if just-in-time
//! accounts are on, and its role set from the provider's claims.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::oidc::{self, Problem};
use super::provider::{self, Provider};
use crate::AppState;
use crate::auth::{ClientIp, user_agent};
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::ids::TextPath;
use crate::kernel::session::{self, token_hash};
use crate::kernel::tenancy::{self, Tenant};
use crate::layout::{Chrome, render};
use crate::web::AppResult;
use crate::web::redirect::local_target;

/// The cookie that binds a sign-in on its way through the provider to this browser.
const BROWSER_COOKIE: &str = "retning_sso_browser";
/// The municipality whose provider the browser signed in through, for signing out there too.
pub const SIGNED_IN_COOKIE: &str = "retning_sso";
/// How long a sign-in may take at the provider.
const PENDING_MINUTES: i64 = 10;

#[derive(Template)]
#[template(path = "sso/problem.html")]
struct ProblemPage {
    chrome: Chrome,
    heading: String,
    message: String,
    /// The municipality's administrators (name, e-mail), when the person is to ask one of them.
    admins: Vec<(String, String)>,
}

fn problem_page(
    status: StatusCode,
    tenant: Option<Tenant>,
    heading: &str,
    message: String,
) -> Response {
    let page = ProblemPage {
        chrome: Chrome::new(crate::t(heading), tenant, None),
        heading: crate::t(heading),
        message,
        admins: Vec::new(),
    };
    (status, render(&page)).into_response()
}

/// The provider could not be used: a calm page (503 when it is down, else 502), never a 500.
fn provider_problem(tenant: Option<Tenant>, problem: &Problem) -> Response {
    let status = if problem.is_down() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::BAD_GATEWAY
    };
    let message = if problem.is_down() {
        crate::t("sso-down-message")
    } else {
        crate::t("sso-failed-message")
    };
    problem_page(status, tenant, "sso-down-heading", message)
}

#[derive(Template)]
#[template(path = "sso/onward.html")]
struct OnwardPage {
    chrome: Chrome,
    heading: String,
    message: String,
    url: String,
}

/// Sends the browser on to the provider with a page (and its `Refresh` header) rather than a
/// redirect: the form it came from is bound by the Content-Security-Policy's `form-action 'self'`,
/// which Chromium applies to a redirect after a form submission too, while a refresh is a new
/// navigation. Without the header's effect, the page's link does the same.
pub fn onward(url: &str, heading: &str, message: String) -> Response {
    let page = OnwardPage {
        chrome: Chrome::new(crate::t(heading), None, None),
        heading: crate::t(heading),
        message,
        url: url.to_string(),
    };
    let mut response = render(&page);
    if let Ok(value) = axum::http::HeaderValue::from_str(&format!("0; url={url}")) {
        response
            .headers_mut()
            .insert(axum::http::HeaderName::from_static("refresh"), value);
    }
    response
}

fn browser_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((BROWSER_COOKIE, value))
        .path("/sso/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .build()
}

/// Sends the browser to the provider of `tenant_id` (chosen by the address's domain at /login).
/// The state's and the browser cookie's hashes, the nonce and the PKCE verifier wait in
/// `sso_pending` for ten minutes, for one use.
pub async fn start(
    state: &AppState,
    jar: CookieJar,
    tenant_id: Uuid,
    slug: &str,
    email: &str,
    next: &str,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    let Some(provider) = provider::load(&mut tx).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let metadata = match oidc::metadata(&provider.issuer).await {
        Ok(metadata) => metadata,
        Err(problem) => return Ok(provider_problem(None, &problem)),
    };
    let redirect = oidc::redirect_uri(&state.settings.base_url, slug);
    let outbound = match oidc::authorize(metadata, &provider.client_id, &redirect, email) {
        Ok(outbound) => outbound,
        Err(problem) => return Ok(provider_problem(None, &problem)),
    };
    let browser = session::new_token();
    sqlx::query!(
        "DELETE FROM sso_pending WHERE tenant_id = $1 AND created_at < now() - make_interval(mins => $2)",
        tenant_id,
        PENDING_MINUTES as i32
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO sso_pending (tenant_id, state_hash, browser_hash, nonce, pkce_verifier, next)
         VALUES ($1, $2, $3, $4, $5, $6)",
        tenant_id,
        token_hash(&outbound.state),
        token_hash(&browser),
        outbound.nonce,
        outbound.pkce_verifier,
        local_target(next).unwrap_or_default()
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let jar = jar.add(browser_cookie(
        browser,
        state.settings.sessions.secure_cookie,
    ));
    let page = onward(
        &outbound.url,
        "sso-onward-heading",
        crate::t("sso-onward-message"),
    );
    Ok((jar, page).into_response())
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// What the provider's sign-in gave us about the person.
struct Person {
    subject: String,
    email: Option<String>,
    name: String,
    role_values: Vec<String>,
    org_unit: Option<String>,
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn person(provider: &Provider, verified: oidc::Verified) -> Person {
    let claims = &verified.claims;
    // Entra ID: the object id within the directory (tenant) is the stable identity; `sub` is
    // pairwise per application and the e-mail can change.
    let subject = match (
        claims.get("tid").and_then(Value::as_str),
        claims.get("oid").and_then(Value::as_str),
    ) {
        (Some(tid), Some(oid)) => format!("{tid}/{oid}"),
        _ => verified.subject.clone(),
    };
    // An address the provider does not vouch for is not used to find an account.
    let email = verified
        .email
        .filter(|_| verified.email_verified != Some(false))
        .or_else(|| {
            ["preferred_username", "upn"]
                .iter()
                .filter_map(|claim| claims.get(*claim).and_then(Value::as_str))
                .find(|v| v.contains('@'))
                .map(str::to_string)
        })
        .and_then(|e| crate::kernel::memberships::email(&e).ok());
    let name = verified
        .name
        .filter(|n| crate::kernel::memberships::name(n).is_ok())
        .or_else(|| email.clone())
        .unwrap_or_else(|| subject.chars().take(200).collect());
    Person {
        subject,
        email,
        name,
        role_values: strings(claims.get(&provider.roles_claim)),
        org_unit: provider
            .org_unit_claim
            .as_deref()
            .and_then(|claim| strings(claims.get(claim)).into_iter().next()),
    }
}

/// The provider sends the browser back here with the code and the state.
pub async fn callback(
    State(state): State<AppState>,
    TextPath(slug): TextPath,
    Query(query): Query<CallbackQuery>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    jar: CookieJar,
) -> AppResult<Response> {
    let tenant = tenancy::by_slug(&state.db, &slug).await?;
    let jar = jar.remove(Cookie::build(BROWSER_COOKIE).path("/sso/"));
    let expired = |tenant: Tenant| {
        problem_page(
            StatusCode::BAD_REQUEST,
            Some(tenant),
            "sso-expired-heading",
            crate::t("sso-expired-message"),
        )
    };
    if query.error.is_some() {
        let page = problem_page(
            StatusCode::UNAUTHORIZED,
            Some(tenant),
            "sso-cancelled-heading",
            crate::t("sso-cancelled-message"),
        );
        return Ok((jar.clone(), page).into_response());
    }
    let (Some(code), Some(state_param)) = (query.code, query.state) else {
        return Ok((jar.clone(), expired(tenant)).into_response());
    };
    let browser = jar_value(&headers);
    // Single use: the row is deleted whether or not the rest succeeds, so a replayed state (or
    // one from another browser, or older than ten minutes) finds nothing.
    let mut tx = begin_tenant_tx(&state.db, tenant.id).await?;
    let pending = sqlx::query!(
        "DELETE FROM sso_pending WHERE tenant_id = $1 AND state_hash = $2 RETURNING browser_hash, nonce, pkce_verifier, next,
                created_at > now() - make_interval(mins => $3) as \"fresh!\"",
        tenant.id,
        token_hash(&state_param),
        PENDING_MINUTES as i32
    )
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    let Some(pending) = pending.filter(|p| {
        p.fresh
            && browser
                .as_deref()
                .is_some_and(|b| token_hash(b) == p.browser_hash)
    }) else {
        tracing::info!("a provider's answer came back with an unknown, used or expired state");
        return Ok((jar, expired(tenant)).into_response());
    };

    let mut tx = begin_tenant_tx(&state.db, tenant.id).await?;
    let provider = provider::load(&mut tx).await?;
    let secret = provider::client_secret(&mut tx).await?;
    tx.commit().await?;
    let (Some(provider), Some(secret)) = (provider, secret) else {
        return Ok((jar, expired(tenant)).into_response());
    };
    let redirect = oidc::redirect_uri(&state.settings.base_url, &tenant.slug);
    let verified = match oidc::exchange(oidc::Exchange {
        issuer: &provider.issuer,
        client_id: &provider.client_id,
        client_secret: &secret,
        alg: &provider.signing_alg,
        redirect: &redirect,
        code: &code,
        pkce_verifier: &pending.pkce_verifier,
        nonce: &pending.nonce,
    })
    .await
    {
        Ok(verified) => verified,
        Err(problem) => return Ok((jar, provider_problem(Some(tenant), &problem)).into_response()),
    };
    let person = person(&provider, verified);
    // Changes made at sign-in are the provider's: the log names it as the actor.
    let actor = Actor {
        user_id: None,
        label: audit::record_text(|| crate::t1("sso-actor", "issuer", &provider.issuer)),
        ip: ip.clone(),
    };
    let mut tx = begin_tenant_tx(&state.db, tenant.id).await?;
    let user_id = match account(&mut tx, &provider, &person, &actor).await? {
        Ok(user_id) => user_id,
        Err(()) => {
            let admins = administrators(&mut tx).await?;
            tx.commit().await?;
            let page = ProblemPage {
                chrome: Chrome::new(
                    crate::t("sso-no-access-heading"),
                    Some(tenant.clone()),
                    None,
                ),
                heading: crate::t("sso-no-access-heading"),
                message: crate::t1("sso-no-access-message", "tenant", &tenant.name),
                admins,
            };
            return Ok((jar, (StatusCode::FORBIDDEN, render(&page))).into_response());
        }
    };
    let policy = &state.settings.sessions;
    if let Some(old) = jar.get(session::COOKIE_NAME) {
        session::delete(&mut *tx, old.value()).await?;
    }
    let token = session::create(
        &mut *tx,
        user_id,
        policy,
        user_agent(&headers).as_deref(),
        ip.as_deref(),
    )
    .await?;
    sqlx::query!(
        "UPDATE users SET last_sign_in_at = now() WHERE id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    let signed_in = Actor::user(user_id, person.name.clone(), ip.clone());
    audit::record(
        &mut tx,
        tenant.id,
        &signed_in,
        Event::new(
            AuditAction::AuthSignIn,
            "user",
            Some(user_id),
            audit::record_text(|| crate::t("sso-audit-sign-in")),
        ),
    )
    .await?;
    tx.commit().await?;

    let target = local_target(&pending.next).unwrap_or_else(|| format!("/t/{}/", tenant.slug));
    let jar = jar.add(session::cookie(token, policy)).add(
        Cookie::build((SIGNED_IN_COOKIE, tenant.slug.clone()))
            .path("/")
            .http_only(true)
            .secure(policy.secure_cookie)
            .same_site(SameSite::Lax)
            .build(),
    );
    Ok((jar, Redirect::to(&target)).into_response())
}

fn jar_value(headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(BROWSER_COOKIE)
        .map(|c| c.value().to_string())
}

/// The municipality's active administrators, for "whom to ask".
async fn administrators(tx: &mut TenantTx) -> sqlx::Result<Vec<(String, String)>> {
    let tenant_id = tx.tenant_id();
    let rows = sqlx::query!(
        "SELECT u.display_name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.tenant_id = $1 AND m.role = 'admin' AND m.is_active ORDER BY u.display_name LIMIT 5",
        tenant_id
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.display_name, r.email))
        .collect())
}

/// The person's account in this municipality, with the role the provider gives: found by the
/// linked identity, else (first sign-in) by an address in the provider's own domains, else
/// created when just-in-time accounts are on. `Err(())`: no access (no role, or no membership
/// and no just-in-time account).
async fn account(
    tx: &mut TenantTx,
    provider: &Provider,
    person: &Person,
    actor: &Actor,
) -> sqlx::Result<Result<Uuid, ()>> {
    let tenant_id = tx.tenant_id();
    let mapped = provider.mapped_role(&person.role_values);
    // When the administrator mapped roles, the provider decides them: someone it gives no
    // mapped role gets none (or the default, with just-in-time accounts on).
    let managed = !provider.role_map.is_empty();
    let linked = sqlx::query_scalar!(
        "SELECT user_id FROM sso_identities WHERE tenant_id = $1 AND issuer = $2 AND subject = $3",
        tenant_id,
        provider.issuer,
        person.subject
    )
    .fetch_optional(&mut **tx)
    .await?;
    let in_domains = |email: &str| {
        email
            .rsplit_once('@')
            .is_some_and(|(_, d)| provider.domains.iter().any(|own| own == d))
    };
    let user_id = match linked {
        Some(user_id) => Some(user_id),
        None => match person.email.as_deref().filter(|e| in_domains(e)) {
            Some(email) => sqlx::query_scalar!(
                "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = $1
                 WHERE u.email = $2",
                tenant_id,
                email
            )
            .fetch_optional(&mut **tx)
            .await?,
            None => None,
        },
    };
    let membership = match user_id {
        Some(user_id) => sqlx::query!(
            r#"SELECT role as "role: MemberRole", is_active, org_unit_id FROM memberships WHERE tenant_id = $1 AND user_id = $2"#,
            tenant_id,
            user_id
        )
        .fetch_optional(&mut **tx)
        .await?,
        None => None,
    };
    let user_id = match (user_id, membership) {
        (Some(user_id), Some(m)) => {
            if !m.is_active {
                return Ok(Err(()));
            }
            let role = if managed {
                mapped.or(provider.default_role.filter(|_| provider.jit))
            } else {
                Some(m.role)
            };
            let Some(role) = role else {
                return Ok(Err(()));
            };
            // The one rule for a role change (audited with before and after): the provider
            // cannot take the municipality's last administrator's role away; that person keeps
            // it and signs in, and the refusal is logged for the operator.
            if crate::kernel::memberships::apply_role(tx, user_id, role, actor, "identity_provider")
                .await?
                .is_err()
            {
                tracing::warn!(
                    tenant = %tenant_id,
                    "the identity provider gave the last administrator another role; kept administrator"
                );
            }
            user_id
        }
        _ => {
            let role = mapped.or(provider.default_role).filter(|_| provider.jit);
            let (Some(role), Some(email)) =
                (role, person.email.as_deref().filter(|e| in_domains(e)))
            else {
                return Ok(Err(()));
            };
            let new = crate::kernel::memberships::NewMember {
                email: email.to_string(),
                name: person.name.clone(),
                role,
            };
            match crate::kernel::memberships::add(
                tx,
                &new,
                crate::kernel::memberships::Start::Accepted,
                actor,
            )
            .await
            {
                Ok(user) => user.id,
                Err(crate::kernel::memberships::AddError::Db(err)) => return Err(err),
                // A membership that exists but is not active (an unanswered invitation).
                Err(crate::kernel::memberships::AddError::Refused(_)) => return Ok(Err(())),
            }
        }
    };
    if let Some(unit) = person.org_unit.as_deref() {
        sqlx::query!(
            "UPDATE memberships m SET org_unit_id = o.id FROM org_units o
             WHERE m.tenant_id = $1 AND m.user_id = $2 AND o.tenant_id = $1 AND lower(o.name) = lower($3)
               AND o.archived_at IS NULL AND m.org_unit_id IS DISTINCT FROM o.id",
            tenant_id,
            user_id,
            unit
        )
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query!(
        "INSERT INTO sso_identities (tenant_id, issuer, subject, user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, issuer, subject) DO UPDATE SET last_sign_in_at = now()",
        tenant_id,
        provider.issuer,
        person.subject,
        user_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(Ok(user_id))
}

/// Where sign-out sends the browser: the provider's end-session endpoint when the person signed
/// in through the provider of `slug` (and is linked there) and the provider offers one.
pub async fn end_session(state: &AppState, user_id: Uuid, slug: &str) -> AppResult<Option<String>> {
    let Ok(tenant) = tenancy::by_slug(&state.db, slug).await else {
        return Ok(None);
    };
    let mut tx = begin_tenant_tx(&state.db, tenant.id).await?;
    let linked = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM sso_identities WHERE tenant_id = $1 AND user_id = $2) as "linked!""#,
        tenant.id,
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let provider = provider::load(&mut tx).await?;
    tx.commit().await?;
    let Some(provider) = provider.filter(|_| linked) else {
        return Ok(None);
    };
    let after = format!(
        "{}/login?signed_out=1",
        state.settings.base_url.trim_end_matches('/')
    );
    Ok(oidc::end_session_url(&provider.issuer, &provider.client_id, &after).await)
}

/// Whether a password sign-in for `email` is refused: its domain belongs to a municipality whose
/// provider is the only way in, and the address is not one of its emergency administrators. Said
/// from the domain alone, so it reveals nothing about whether the address has an account.
pub async fn password_refused(state: &AppState, email: &str) -> AppResult<bool> {
    let Some((tenant_id, _)) = provider::for_email(&state.db, email).await? else {
        return Ok(false);
    };
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    let provider = provider::load(&mut tx).await?;
    tx.commit().await?;
    Ok(provider.is_some_and(|p| p.sso_only && !p.emergency_admins.iter().any(|e| e == email)))
}

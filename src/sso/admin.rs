//! The administrator's page for the municipality's identity provider: the settings (the client
//! secret write-only), and "Test forbindelsen", which runs discovery and says what is wrong.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::oidc;
use super::provider::{self, ALGORITHMS, Input};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::MemberRole;
use crate::kernel::access::Member;
use crate::kernel::audit::Actor;
use crate::kernel::forms::Errors;
use crate::layout::{Chrome, render};
use crate::web::AppResult;

#[derive(Template)]
#[template(path = "sso/admin.html")]
struct SsoPage {
    chrome: Chrome,
    slug: String,
    input: Input,
    has_secret: bool,
    errors: Errors,
    saved: bool,
    redirect_uri: String,
    algorithms: &'static [&'static str],
    roles: Vec<(&'static str, String)>,
    /// The result of "Test forbindelsen": Ok(what was found) or Err(what is wrong).
    test: Option<Result<String, String>>,
}

fn roles() -> Vec<(&'static str, String)> {
    MemberRole::ALL
        .iter()
        .map(|r| (r.as_str(), r.label()))
        .collect()
}

async fn page(state: &AppState, member: &Member) -> AppResult<SsoPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let stored = provider::load(&mut tx).await?;
    let has_secret = provider::has_secret(&mut tx).await?;
    tx.commit().await?;
    let input = stored
        .as_ref()
        .map(Input::from_provider)
        .unwrap_or_else(|| Input {
            signing_alg: "RS256".into(),
            roles_claim: "roles".into(),
            ..Input::default()
        });
    Ok(SsoPage {
        chrome: Chrome::member(
            crate::t1("sso-admin-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        input,
        has_secret,
        errors: Errors::default(),
        saved: false,
        redirect_uri: oidc::redirect_uri(&state.settings.base_url, &member.tenant.slug),
        algorithms: ALGORITHMS,
        roles: roles(),
        test: None,
    })
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    let mut page = page(&state, &member).await?;
    page.saved = q.saved.is_some();
    Ok(render(&page))
}

#[derive(Deserialize, Default)]
pub struct SsoForm {
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
    #[serde(default)]
    signing_alg: String,
    #[serde(default)]
    roles_claim: String,
    #[serde(default)]
    role_map: String,
    #[serde(default)]
    org_unit_claim: String,
    #[serde(default)]
    domains: String,
    #[serde(default)]
    jit: Option<String>,
    #[serde(default)]
    default_role: String,
    #[serde(default)]
    sso_only: Option<String>,
    #[serde(default)]
    emergency_admins: String,
}

impl SsoForm {
    fn input(self) -> Input {
        Input {
            issuer: self.issuer,
            client_id: self.client_id,
            client_secret: self.client_secret,
            signing_alg: self.signing_alg,
            roles_claim: self.roles_claim,
            role_map: self.role_map,
            org_unit_claim: self.org_unit_claim,
            domains: self.domains,
            jit: self.jit.is_some(),
            default_role: self.default_role,
            sso_only: self.sso_only.is_some(),
            emergency_admins: self.emergency_admins,
        }
    }
}

/// The form again with what was typed (the secret never echoed) and every problem by its field.
fn again(mut page: SsoPage, mut input: Input, errors: Errors) -> Response {
    input.client_secret = String::new();
    page.input = input;
    page.errors = errors;
    (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
}

pub async fn save(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<SsoForm>,
) -> AppResult<Response> {
    let page = page(&state, &member).await?;
    let input = form.input();
    let checked = match provider::check(&input, page.has_secret) {
        Ok(checked) => checked,
        Err(errors) => return Ok(again(page, input, errors)),
    };
    let actor = Actor::user(member.user_id(), member.user.display_name.clone(), ip);
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    match provider::save(&mut tx, &checked, &actor).await? {
        Ok(()) => {
            tx.commit().await?;
            Ok(
                Redirect::to(&format!("/t/{}/admin/sso?saved=1", member.tenant.slug))
                    .into_response(),
            )
        }
        Err(errors) => {
            tx.rollback().await?;
            Ok(again(page, input, errors))
        }
    }
}

/// Runs discovery against the issuer in the form (saved or not) and shows the result in words.
pub async fn test(
    State(state): State<AppState>,
    member: Member,
    Form(form): Form<SsoForm>,
) -> AppResult<Response> {
    let mut page = page(&state, &member).await?;
    let mut input = form.input();
    input.client_secret = String::new();
    let issuer = input.issuer.trim().trim_end_matches('/').to_string();
    let alg = if input.signing_alg.trim().is_empty() {
        "RS256".to_string()
    } else {
        input.signing_alg.trim().to_string()
    };
    let allowed = url::Url::parse(&issuer).is_ok_and(|u| provider::issuer_allowed(&u));
    page.test = Some(if !allowed {
        Err(crate::t("sso-error-issuer-url"))
    } else if !ALGORITHMS.contains(&alg.as_str()) {
        Err(crate::t1("sso-error-alg", "choices", ALGORITHMS.join(", ")))
    } else {
        match oidc::test_connection(&issuer, &alg).await {
            Ok(metadata) => Ok(crate::t2(
                "sso-test-ok",
                "keys",
                metadata.jwks().keys().len(),
                "logout",
                if metadata
                    .additional_metadata()
                    .end_session_endpoint
                    .is_some()
                {
                    crate::t("sso-test-logout-yes")
                } else {
                    crate::t("sso-test-logout-no")
                },
            )),
            Err(problem) => Err(problem.words()),
        }
    });
    page.input = input;
    Ok(render(&page))
}

//! Talking to a provider with `openidconnect`: discovery (cached per issuer), the authorization
//! URL, the code exchange and the ID token's checks (signature from the JWKS, `iss`, `aud`, `exp`,
//! `nonce`, the one allowed `alg`), with one JWKS refresh when a token names a key not yet known
//! (the provider rotated its keys).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthenticationFlow, CoreClaimName, CoreClaimType, CoreClient,
    CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey, CoreJsonWebKeySet,
    CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, DiscoveryError, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    ProviderMetadata, RedirectUrl, Scope, SignatureVerificationError, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};

/// `end_session_endpoint` (OpenID Connect RP-Initiated Logout), which the core metadata lacks.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct EndSession {
    pub end_session_endpoint: Option<String>,
}
impl AdditionalProviderMetadata for EndSession {}

pub type Metadata = ProviderMetadata<
    EndSession,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// Discovery is cached this long; a token signed with an unknown key refreshes the keys sooner.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// What went wrong with a provider, in words an administrator can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No answer (refused, timed out, name not found).
    Unreachable,
    /// An HTTP status instead of the discovery document.
    Status(u16),
    /// Something that is not an OpenID Connect discovery document.
    NotOpenIdConnect,
    /// The document names another issuer than the one configured.
    IssuerMismatch,
    /// The provider's keys could not be read.
    Keys,
    /// The provider does not offer the configured signing algorithm.
    AlgorithmNotOffered(String),
    /// The provider refused the code (wrong secret, expired code, wrong redirect URI).
    TokenRefused(String),
    /// The answer had no ID token, or the token failed a check.
    TokenInvalid(TokenCheck),
}

/// Which check an ID token failed (for the log and the tests; the person sees one calm page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    Missing,
    Audience,
    Expired,
    Issuer,
    Nonce,
    Signature,
    Algorithm,
    Other,
}

impl Problem {
    /// The problem in the request's language.
    pub fn words(&self) -> String {
        match self {
            Problem::Unreachable => crate::t("sso-problem-unreachable"),
            Problem::Status(status) => crate::t1("sso-problem-status", "status", *status),
            Problem::NotOpenIdConnect => crate::t("sso-problem-not-oidc"),
            Problem::IssuerMismatch => crate::t("sso-problem-issuer-mismatch"),
            Problem::Keys => crate::t("sso-problem-keys"),
            Problem::AlgorithmNotOffered(alg) => crate::t1("sso-problem-alg", "alg", alg),
            Problem::TokenRefused(code) => crate::t1("sso-problem-token-refused", "code", code),
            Problem::TokenInvalid(_) => crate::t("sso-problem-token-invalid"),
        }
    }

    /// Whether the provider could not be reached or did not answer as one (a 503 for the person).
    pub fn is_down(&self) -> bool {
        matches!(
            self,
            Problem::Unreachable | Problem::Status(_) | Problem::NotOpenIdConnect | Problem::Keys
        )
    }
}

/// The one HTTP client for providers: no redirects (a redirect would let a configured URL reach
/// any address, SSRF), short timeouts (a slow provider must not hold a sign-in page open).
fn http() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::ClientBuilder::new()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            // No idle connections kept: calls are minutes apart, and a provider that closes an
            // idle connection just as it is reused (Node's 5-second keep-alive) fails the sign-in.
            .pool_max_idle_per_host(0)
            .build()
            .expect("the HTTP client for identity providers builds")
    })
}

struct Cached {
    metadata: Metadata,
    fetched: Instant,
}

fn cache() -> &'static Mutex<HashMap<String, Cached>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Cached>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn discovery_problem<E: std::error::Error>(err: &DiscoveryError<E>) -> Problem {
    match err {
        DiscoveryError::Request(_) => Problem::Unreachable,
        DiscoveryError::Response(status, _, _) => Problem::Status(status.as_u16()),
        DiscoveryError::Validation(_) => Problem::IssuerMismatch,
        DiscoveryError::Parse(_) | DiscoveryError::UrlParse(_) | DiscoveryError::Other(_) => {
            Problem::NotOpenIdConnect
        }
        _ => Problem::NotOpenIdConnect,
    }
}

/// Runs discovery now (and the JWKS fetch it includes), bypassing and then filling the cache.
pub async fn discover(issuer: &str) -> Result<Metadata, Problem> {
    let issuer_url = IssuerUrl::new(issuer.to_string()).map_err(|_| Problem::NotOpenIdConnect)?;
    let metadata = Metadata::discover_async(issuer_url, http())
        .await
        .map_err(|err| {
            let problem = discovery_problem(&err);
            // Keys are fetched after the document: a failure there is about the keys.
            let problem = match (&problem, &err) {
                (Problem::Status(_) | Problem::NotOpenIdConnect | Problem::Unreachable, _)
                    if err.to_string().contains("JWK") =>
                {
                    Problem::Keys
                }
                _ => problem,
            };
            tracing::warn!(issuer, error = %err, "identity provider discovery failed");
            problem
        })?;
    cache().lock().expect("cache lock").insert(
        issuer.to_string(),
        Cached {
            metadata: metadata.clone(),
            fetched: Instant::now(),
        },
    );
    Ok(metadata)
}

/// The provider's metadata, from the cache while fresh.
pub async fn metadata(issuer: &str) -> Result<Metadata, Problem> {
    let cached = cache()
        .lock()
        .expect("cache lock")
        .get(issuer)
        .filter(|c| c.fetched.elapsed() < METADATA_TTL)
        .map(|c| c.metadata.clone());
    match cached {
        Some(metadata) => Ok(metadata),
        None => discover(issuer).await,
    }
}

/// Fetches the provider's keys again (a token named a key we did not know) and caches them.
async fn refresh_keys(issuer: &str, metadata: &Metadata) -> Result<Metadata, Problem> {
    let keys = CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), http())
        .await
        .map_err(|err| {
            tracing::warn!(issuer, error = %err, "identity provider keys could not be fetched");
            Problem::Keys
        })?;
    let metadata = metadata.clone().set_jwks(keys);
    cache().lock().expect("cache lock").insert(
        issuer.to_string(),
        Cached {
            metadata: metadata.clone(),
            fetched: Instant::now(),
        },
    );
    Ok(metadata)
}

/// The configured algorithm as `openidconnect` names it.
pub fn algorithm(name: &str) -> CoreJwsSigningAlgorithm {
    match name {
        "RS384" => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
        "RS512" => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
        "PS256" => CoreJwsSigningAlgorithm::RsaSsaPssSha256,
        "PS384" => CoreJwsSigningAlgorithm::RsaSsaPssSha384,
        "PS512" => CoreJwsSigningAlgorithm::RsaSsaPssSha512,
        "ES256" => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        "ES384" => CoreJwsSigningAlgorithm::EcdsaP384Sha384,
        _ => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    }
}

/// "Test forbindelsen": discovery now, then what the sign-in needs of the answer.
pub async fn test_connection(issuer: &str, alg: &str) -> Result<Metadata, Problem> {
    let metadata = discover(issuer).await?;
    if !metadata
        .id_token_signing_alg_values_supported()
        .contains(&algorithm(alg))
    {
        return Err(Problem::AlgorithmNotOffered(alg.to_string()));
    }
    if metadata.jwks().keys().is_empty() {
        return Err(Problem::Keys);
    }
    Ok(metadata)
}

/// Where the provider sends the browser back for `slug`: the redirect URI to register there.
pub fn redirect_uri(base_url: &str, slug: &str) -> String {
    format!("{}/sso/{slug}/callback", base_url.trim_end_matches('/'))
}

/// A sign-in on its way out to the provider.
pub struct Outbound {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The authorization request: code flow, PKCE (S256), state and nonce, scopes openid, email and
/// profile; the address typed at /login as `login_hint`.
pub fn authorize(
    metadata: Metadata,
    client_id: &str,
    redirect: &str,
    login_hint: &str,
) -> Result<Outbound, Problem> {
    let client =
        CoreClient::from_provider_metadata(metadata, ClientId::new(client_id.to_string()), None)
            .set_redirect_uri(
                RedirectUrl::new(redirect.to_string()).map_err(|_| Problem::NotOpenIdConnect)?,
            );
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_string()))
        .add_scope(Scope::new("profile".to_string()))
        .set_pkce_challenge(challenge);
    if !login_hint.is_empty() {
        request = request.add_extra_param("login_hint", login_hint.to_string());
    }
    let (url, state, nonce) = request.url();
    Ok(Outbound {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// The ID token's claims after every check, as JSON (the signed payload itself, so that claims
/// the core types do not know — `roles`, `tid`, `oid`, a department — can be read).
pub struct Verified {
    pub claims: serde_json::Value,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

pub struct Exchange<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub alg: &'a str,
    pub redirect: &'a str,
    pub code: &'a str,
    pub pkce_verifier: &'a str,
    pub nonce: &'a str,
}

fn token_check(err: &ClaimsVerificationError) -> TokenCheck {
    match err {
        ClaimsVerificationError::InvalidAudience(_) => TokenCheck::Audience,
        ClaimsVerificationError::Expired(_) => TokenCheck::Expired,
        ClaimsVerificationError::InvalidIssuer(_) => TokenCheck::Issuer,
        ClaimsVerificationError::InvalidNonce(_) => TokenCheck::Nonce,
        ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::DisallowedAlg(_)
            | SignatureVerificationError::UnsupportedAlg(_)
            | SignatureVerificationError::NoSignature,
        ) => TokenCheck::Algorithm,
        ClaimsVerificationError::SignatureVerification(_) => TokenCheck::Signature,
        _ => TokenCheck::Other,
    }
}

/// Exchanges the code (with the PKCE verifier) and checks the ID token.
pub async fn exchange(x: Exchange<'_>) -> Result<Verified, Problem> {
    let metadata = metadata(x.issuer).await?;
    let redirect =
        RedirectUrl::new(x.redirect.to_string()).map_err(|_| Problem::NotOpenIdConnect)?;
    let client = |metadata: Metadata| {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(x.client_id.to_string()),
            Some(ClientSecret::new(x.client_secret.to_string())),
        )
        .set_redirect_uri(redirect.clone())
    };
    let response = client(metadata.clone())
        .exchange_code(AuthorizationCode::new(x.code.to_string()))
        .map_err(|_| Problem::NotOpenIdConnect)?
        .set_pkce_verifier(PkceCodeVerifier::new(x.pkce_verifier.to_string()))
        .request_async(http())
        .await
        .map_err(|err| {
            use openidconnect::RequestTokenError;
            let problem = match &err {
                RequestTokenError::ServerResponse(e) => {
                    Problem::TokenRefused(e.error().as_ref().chars().take(60).collect())
                }
                RequestTokenError::Request(_) => Problem::Unreachable,
                _ => Problem::TokenInvalid(TokenCheck::Other),
            };
            tracing::warn!(issuer = x.issuer, error = ?err, "the provider refused the code");
            problem
        })?;
    let id_token = response
        .id_token()
        .ok_or(Problem::TokenInvalid(TokenCheck::Missing))?
        .clone();
    let nonce = Nonce::new(x.nonce.to_string());
    let allowed = vec![algorithm(x.alg)];
    let verify = |metadata: Metadata| {
        let client = client(metadata);
        let verifier = client.id_token_verifier().set_allowed_algs(allowed.clone());
        id_token
            .claims(&verifier, &nonce)
            .map(|claims| {
                (
                    claims.subject().as_str().to_string(),
                    claims.email().map(|e| e.as_str().to_string()),
                    claims.email_verified(),
                    claims
                        .name()
                        .and_then(|n| n.get(None))
                        .map(|n| n.as_str().to_string()),
                )
            })
            .map_err(|err| token_check(&err))
    };
    let checked = match verify(metadata.clone()) {
        // A key we have not seen: the provider rotated its keys. Fetch them once, try once more.
        Err(TokenCheck::Signature)
            if matches!(
                id_token.claims(
                    &client(metadata.clone())
                        .id_token_verifier()
                        .set_allowed_algs(allowed.clone()),
                    &nonce
                ),
                Err(ClaimsVerificationError::SignatureVerification(
                    SignatureVerificationError::NoMatchingKey
                ))
            ) =>
        {
            let refreshed = refresh_keys(x.issuer, &metadata).await?;
            verify(refreshed)
        }
        other => other,
    };
    let (subject, email, email_verified, name) = checked.map_err(|check| {
        tracing::warn!(issuer = x.issuer, ?check, "an ID token failed its checks");
        Problem::TokenInvalid(check)
    })?;
    Ok(Verified {
        claims: payload(&id_token.to_string()).unwrap_or_default(),
        subject,
        email,
        email_verified,
        name,
    })
}

/// The payload of a compact JWS as JSON. Called only on a token whose signature was checked.
fn payload(jwt: &str) -> Option<serde_json::Value> {
    let part = jwt.split('.').nth(1)?;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Where to send the browser to end the provider's session too, if the provider offers it.
pub async fn end_session_url(issuer: &str, client_id: &str, after: &str) -> Option<String> {
    let metadata = metadata(issuer).await.ok()?;
    let endpoint = metadata
        .additional_metadata()
        .end_session_endpoint
        .as_deref()?;
    let mut url = url::Url::parse(endpoint).ok()?;
    if !matches!(url.scheme(), "https" | "http") {
        return None;
    }
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("post_logout_redirect_uri", after);
    Some(url.to_string())
}

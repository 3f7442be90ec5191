//! A municipality's identity provider as configured: read, checked and saved. The administrator's
//! page and the operator's `retning sso set` go through [`check`] and [`save`], so both follow one
//! rule (the same checks, the same audit event).

use serde_json::json;
use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::forms::Errors;

/// Signing algorithms an administrator may choose; `none` and HMAC are never among them.
pub const ALGORITHMS: &[&str] = &[
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
];

/// The provider of one municipality. The client secret is not here: only the sign-in itself reads
/// it ([`client_secret`]), so no page can show it by mistake.
#[derive(Debug, Clone)]
pub struct Provider {
    pub tenant_id: Uuid,
    pub issuer: String,
    pub client_id: String,
    pub signing_alg: String,
    pub roles_claim: String,
    /// (claim value, role) in the administrator's order.
    pub role_map: Vec<(String, MemberRole)>,
    pub org_unit_claim: Option<String>,
    pub domains: Vec<String>,
    pub jit: bool,
    pub default_role: Option<MemberRole>,
    pub sso_only: bool,
    pub emergency_admins: Vec<String>,
}

impl Provider {
    /// The role map as the form writes it: one "value = role" a line.
    pub fn role_map_text(&self) -> String {
        self.role_map
            .iter()
            .map(|(value, role)| format!("{value} = {}", role.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The highest of the roles the claim's values map to (administrator first).
    pub fn mapped_role(&self, values: &[String]) -> Option<MemberRole> {
        let mapped: Vec<MemberRole> = self
            .role_map
            .iter()
            .filter(|(value, _)| values.iter().any(|v| v == value))
            .map(|(_, role)| *role)
            .collect();
        MemberRole::ALL
            .iter()
            .copied()
            .find(|role| mapped.contains(role))
    }
}

fn parse_role_map(value: &serde_json::Value) -> Vec<(String, MemberRole)> {
    value
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|pair| {
                    let value = pair.get(0)?.as_str()?.to_string();
                    let role = MemberRole::parse(pair.get(1)?.as_str()?)?;
                    Some((value, role))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The municipality's provider, if it has one.
pub async fn load(tx: &mut TenantTx) -> sqlx::Result<Option<Provider>> {
    let tenant_id = tx.tenant_id();
    let row = sqlx::query!(
        r#"SELECT issuer, client_id, signing_alg, roles_claim, role_map, org_unit_claim, jit,
                  default_role as "default_role: MemberRole", sso_only, emergency_admins,
                  ARRAY(SELECT domain FROM sso_domains d WHERE d.tenant_id = p.tenant_id ORDER BY domain) as "domains!"
           FROM sso_providers p WHERE tenant_id = $1"#,
        tenant_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|r| Provider {
        tenant_id,
        issuer: r.issuer,
        client_id: r.client_id,
        signing_alg: r.signing_alg,
        roles_claim: r.roles_claim,
        role_map: parse_role_map(&r.role_map),
        org_unit_claim: r.org_unit_claim,
        domains: r.domains,
        jit: r.jit,
        default_role: r.default_role,
        sso_only: r.sso_only,
        emergency_admins: r.emergency_admins,
    }))
}

/// The client secret, for the token request only. Never rendered, never logged.
pub async fn client_secret(tx: &mut TenantTx) -> sqlx::Result<Option<String>> {
    let tenant_id = tx.tenant_id();
    sqlx::query_scalar!(
        "SELECT client_secret FROM sso_providers WHERE tenant_id = $1",
        tenant_id
    )
    .fetch_optional(&mut **tx)
    .await
}

/// Which municipality's provider an address belongs to, by its domain: (tenant id, slug).
pub async fn for_email(db: &sqlx::PgPool, email: &str) -> sqlx::Result<Option<(Uuid, String)>> {
    let Some((_, domain)) = email.rsplit_once('@') else {
        return Ok(None);
    };
    let row = sqlx::query!(
        "SELECT t.id, t.slug FROM sso_domains d JOIN tenants t ON t.id = d.tenant_id WHERE d.domain = $1",
        domain.to_lowercase()
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.slug)))
}

/// Whether any municipality signs in through a provider: only then does /login ask for the
/// address first (without one, the extra step would route nowhere).
pub async fn any(db: &sqlx::PgPool) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM sso_domains) as "any!""#)
        .fetch_one(db)
        .await
}

/// What an administrator or the operator typed.
#[derive(Debug, Default, Clone)]
pub struct Input {
    pub issuer: String,
    pub client_id: String,
    /// Empty keeps the stored secret.
    pub client_secret: String,
    pub signing_alg: String,
    pub roles_claim: String,
    pub role_map: String,
    pub org_unit_claim: String,
    pub domains: String,
    pub jit: bool,
    pub default_role: String,
    pub sso_only: bool,
    pub emergency_admins: String,
}

impl Input {
    /// The form again as it was stored (the secret left empty: it is never shown again).
    pub fn from_provider(p: &Provider) -> Self {
        Self {
            issuer: p.issuer.clone(),
            client_id: p.client_id.clone(),
            client_secret: String::new(),
            signing_alg: p.signing_alg.clone(),
            roles_claim: p.roles_claim.clone(),
            role_map: p.role_map_text(),
            org_unit_claim: p.org_unit_claim.clone().unwrap_or_default(),
            domains: p.domains.join("\n"),
            jit: p.jit,
            default_role: p
                .default_role
                .map(|r| r.as_str().to_string())
                .unwrap_or_default(),
            sso_only: p.sso_only,
            emergency_admins: p.emergency_admins.join("\n"),
        }
    }
}

/// A configuration that passed [`check`].
pub struct Checked {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub signing_alg: String,
    pub roles_claim: String,
    pub role_map: Vec<(String, MemberRole)>,
    pub org_unit_claim: Option<String>,
    pub domains: Vec<String>,
    pub jit: bool,
    pub default_role: Option<MemberRole>,
    pub sso_only: bool,
    pub emergency_admins: Vec<String>,
}

fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn one_line(errors: &mut Errors, field: &'static str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        errors.add(field, crate::t1("sso-error-too-long", "max", max));
    } else if !crate::web::text::is_line(value) {
        errors.add(field, crate::t("sso-error-one-line"));
    }
    value.to_string()
}

/// Whether `url` is an issuer Retning may talk to: https, or http on this machine only (a test
/// provider; a broker reached over plain http would expose the client secret).
pub fn issuer_allowed(url: &url::Url) -> bool {
    match url.scheme() {
        "https" => url.host().is_some(),
        "http" => matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")),
        _ => false,
    }
}

/// Checks what was typed; every problem is a message next to its field. `has_secret` says
/// whether a secret is already stored (then an empty field keeps it).
pub fn check(input: &Input, has_secret: bool) -> Result<Checked, Errors> {
    let mut errors = Errors::default();
    let issuer = one_line(&mut errors, "issuer", &input.issuer, 500);
    let issuer = issuer.trim_end_matches('/').to_string();
    if issuer.is_empty() {
        errors.add("issuer", crate::t("sso-error-issuer-missing"));
    } else if !url::Url::parse(&issuer).is_ok_and(|u| issuer_allowed(&u)) {
        errors.add("issuer", crate::t("sso-error-issuer-url"));
    }
    let client_id = one_line(&mut errors, "client_id", &input.client_id, 300);
    if client_id.is_empty() {
        errors.add("client_id", crate::t("sso-error-client-id-missing"));
    }
    let secret = input.client_secret.trim();
    let client_secret = if secret.is_empty() {
        if !has_secret {
            errors.add("client_secret", crate::t("sso-error-secret-missing"));
        }
        None
    } else {
        let s = one_line(&mut errors, "client_secret", secret, 1000);
        Some(s)
    };
    let signing_alg = if input.signing_alg.trim().is_empty() {
        "RS256".to_string()
    } else {
        input.signing_alg.trim().to_string()
    };
    if !ALGORITHMS.contains(&signing_alg.as_str()) {
        errors.add(
            "signing_alg",
            crate::t1("sso-error-alg", "choices", ALGORITHMS.join(", ")),
        );
    }
    let roles_claim = one_line(&mut errors, "roles_claim", &input.roles_claim, 100);
    let roles_claim = if roles_claim.is_empty() {
        "roles".to_string()
    } else {
        roles_claim
    };
    let mut role_map = Vec::new();
    for (n, line) in input.role_map.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parsed = line.rsplit_once('=').and_then(|(value, role)| {
            let value = value.trim();
            let role = MemberRole::parse(role.trim().to_lowercase().as_str())?;
            (!value.is_empty() && value.len() <= 200 && crate::web::text::is_line(value))
                .then(|| (value.to_string(), role))
        });
        match parsed {
            Some(pair) => role_map.push(pair),
            None => {
                errors.add(
                    "role_map",
                    crate::t2(
                        "sso-error-role-map",
                        "line",
                        n + 1,
                        "roles",
                        MemberRole::words(),
                    ),
                );
            }
        }
    }
    let org_unit_claim = one_line(&mut errors, "org_unit_claim", &input.org_unit_claim, 100);
    let mut domains = Vec::new();
    for domain in items(&input.domains) {
        let domain = domain.trim_start_matches('@').to_lowercase();
        let valid = domain.len() <= 253
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        if !valid {
            errors.add(
                "domains",
                crate::t1(
                    "sso-error-domain",
                    "domain",
                    domain.chars().take(80).collect::<String>(),
                ),
            );
        } else if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    if domains.is_empty() && !errors.has("domains") {
        errors.add("domains", crate::t("sso-error-domains-missing"));
    }
    let default_role = match input.default_role.trim() {
        "" => None,
        word => match MemberRole::parse(word) {
            Some(role) => Some(role),
            None => {
                errors.add("default_role", crate::t("sso-error-default-role"));
                None
            }
        },
    };
    if input.jit && default_role.is_none() && !errors.has("default_role") {
        errors.add("default_role", crate::t("sso-error-default-role-needed"));
    }
    let mut emergency_admins = Vec::new();
    for address in items(&input.emergency_admins) {
        match crate::kernel::memberships::email(address) {
            Ok(email) => {
                if !emergency_admins.contains(&email) {
                    emergency_admins.push(email)
                }
            }
            Err(_) => errors.add(
                "emergency_admins",
                crate::t1(
                    "sso-error-emergency-email",
                    "email",
                    address.chars().take(80).collect::<String>(),
                ),
            ),
        }
    }
    if input.sso_only && emergency_admins.is_empty() && !errors.has("emergency_admins") {
        errors.add("emergency_admins", crate::t("sso-error-emergency-needed"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Checked {
        issuer,
        client_id,
        client_secret,
        signing_alg,
        roles_claim,
        role_map,
        org_unit_claim: (!org_unit_claim.is_empty()).then_some(org_unit_claim),
        domains,
        jit: input.jit,
        default_role,
        sso_only: input.sso_only,
        emergency_admins,
    })
}

/// Whether a secret is stored for the transaction's municipality.
pub async fn has_secret(tx: &mut TenantTx) -> sqlx::Result<bool> {
    Ok(client_secret(tx).await?.is_some())
}

/// Saves a checked configuration and records it in the audit log (without the secret: the event
/// says only whether it was replaced). A domain that another municipality already uses is an
/// error of the domains field, and nothing is saved.
pub async fn save(
    tx: &mut TenantTx,
    checked: &Checked,
    actor: &Actor,
) -> sqlx::Result<Result<(), Errors>> {
    let tenant_id = tx.tenant_id();
    // Every row is readable (policy domain_lookup), so another municipality's claim is visible.
    let taken = sqlx::query_scalar!(
        "SELECT domain FROM sso_domains WHERE domain = ANY($1) AND tenant_id <> $2 ORDER BY domain",
        &checked.domains,
        tenant_id
    )
    .fetch_all(&mut **tx)
    .await?;
    if !taken.is_empty() {
        return Ok(Err(Errors::one(
            "domains",
            crate::t1("sso-error-domain-taken", "domains", taken.join(", ")),
        )));
    }
    let before = load(tx).await?;
    let role_map = json!(
        checked
            .role_map
            .iter()
            .map(|(value, role)| json!([value, role.as_str()]))
            .collect::<Vec<_>>()
    );
    sqlx::query!(
        r#"INSERT INTO sso_providers (tenant_id, issuer, client_id, client_secret, signing_alg, roles_claim,
                                     role_map, org_unit_claim, jit, default_role, sso_only, emergency_admins)
           VALUES ($1, $2, $3, COALESCE($4, (SELECT client_secret FROM sso_providers WHERE tenant_id = $1)), $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (tenant_id) DO UPDATE SET
               issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
               client_secret = EXCLUDED.client_secret,
               signing_alg = EXCLUDED.signing_alg, roles_claim = EXCLUDED.roles_claim,
               role_map = EXCLUDED.role_map, org_unit_claim = EXCLUDED.org_unit_claim, jit = EXCLUDED.jit,
               default_role = EXCLUDED.default_role, sso_only = EXCLUDED.sso_only,
               emergency_admins = EXCLUDED.emergency_admins, updated_at = now()"#,
        tenant_id,
        checked.issuer,
        checked.client_id,
        checked.client_secret,
        checked.signing_alg,
        checked.roles_claim,
        role_map,
        checked.org_unit_claim,
        checked.jit,
        checked.default_role as Option<MemberRole>,
        checked.sso_only,
        &checked.emergency_admins
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        "DELETE FROM sso_domains WHERE tenant_id = $1 AND domain <> ALL($2)",
        tenant_id,
        &checked.domains
    )
    .execute(&mut **tx)
    .await?;
    let inserted = sqlx::query!(
        "INSERT INTO sso_domains (tenant_id, domain) SELECT $1, unnest($2::text[]) ON CONFLICT (tenant_id, domain) DO NOTHING",
        tenant_id,
        &checked.domains
    )
    .execute(&mut **tx)
    .await;
    match inserted {
        Ok(_) => {}
        // Claimed by another municipality in the same instant.
        Err(sqlx::Error::Database(db)) if db.constraint() == Some("sso_domains_domain_key") => {
            return Ok(Err(Errors::one(
                "domains",
                crate::t1(
                    "sso-error-domain-taken",
                    "domains",
                    checked.domains.join(", "),
                ),
            )));
        }
        Err(err) => return Err(err),
    }
    let describe = |p: &Provider| {
        json!({
            "issuer": p.issuer, "client_id": p.client_id, "signing_alg": p.signing_alg,
            "roles_claim": p.roles_claim, "role_map": p.role_map_text(),
            "org_unit_claim": p.org_unit_claim, "domains": p.domains, "jit": p.jit,
            "default_role": p.default_role.map(MemberRole::as_str), "sso_only": p.sso_only,
            "emergency_admins": p.emergency_admins,
        })
    };
    let after = load(tx).await?;
    let mut after_json = after.as_ref().map(describe);
    if let Some(a) = after_json.as_mut() {
        a["client_secret_replaced"] = json!(checked.client_secret.is_some());
    }
    let event = Event::new(
        AuditAction::SsoConfigured,
        "sso_provider",
        None,
        audit::record_text(|| crate::t1("sso-audit-configured", "issuer", &checked.issuer)),
    )
    .change(before.as_ref().map(describe), after_json);
    audit::record(tx, tenant_id, actor, event).await?;
    Ok(Ok(()))
}

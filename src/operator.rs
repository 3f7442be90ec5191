//! What the platform operator does from the command line: create municipalities and their first
//! admin, and read the account mails that wait because no mail server is set up. The operator's
//! terminal is the one place besides the person's own mailbox where a one-time link may appear.

use anyhow::{Context, bail};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::begin_tenant_tx;
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::memberships::{self, AddError, NewMember, Refusal, Start};
use crate::strategy_file::valid_slug;

pub async fn create_tenant(pool: &PgPool, slug: &str, name: &str) -> anyhow::Result<Uuid> {
    if !valid_slug(slug) {
        bail!(
            "{slug:?} is not a valid slug (lowercase letters, digits and '-', e.g. \"aabenraa\")"
        );
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        bail!("the name must be 1–200 characters");
    }
    let id = sqlx::query_scalar!(
        "INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id",
        Uuid::now_v7(),
        slug,
        name
    )
    .fetch_optional(pool)
    .await?
    .with_context(|| format!("a municipality with the slug {slug:?} already exists"))?;
    let mut tx = begin_tenant_tx(pool, id).await?;
    audit::record(
        &mut tx,
        id,
        &Actor::system("retning tenant create"),
        Event::new(
            AuditAction::TenantCreated,
            "tenant",
            Some(id),
            format!("Kommunen {name} er oprettet"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a user with a role, by the same rule as an administrator's invitation
/// (`kernel::memberships::add`); returns the link to choose a password when they have none yet.
/// The membership counts as accepted at once: the operator acts on the municipality's and the
/// person's behalf here, and the link is printed on the operator's own terminal.
pub async fn create_user(
    pool: &PgPool,
    slug: &str,
    email: &str,
    name: &str,
    role: &str,
    base_url: &str,
) -> anyhow::Result<Option<String>> {
    let role = MemberRole::parse(role)
        .with_context(|| format!("{role:?} is not one of: {}", MemberRole::words()))?;
    let refused = |refusal: Refusal| anyhow::anyhow!("{}", refusal.message());
    let new = NewMember {
        email: memberships::email(email).map_err(refused)?,
        name: memberships::name(name).map_err(refused)?,
        role,
    };
    let tenant = crate::kernel::tenancy::by_slug(pool, slug)
        .await
        .map_err(|_| anyhow::anyhow!("there is no municipality with the slug {slug:?}"))?;
    let mut tx = begin_tenant_tx(pool, tenant.id).await?;
    let actor = Actor::system("retning user create");
    let user = match memberships::add(&mut tx, &new, Start::Accepted, &actor).await {
        Ok(user) => user,
        Err(AddError::Refused(refusal)) => return Err(refused(refusal)),
        Err(AddError::Db(e)) => return Err(e.into()),
    };
    // The operator's own log may say whether the account is new; a municipality's pages never do.
    tracing::info!(user_id = %user.id, created = user.created, tenant = slug, "user added by the operator");
    let link = crate::auth::users::invitation_if_needed(
        &mut tx,
        base_url.trim_end_matches('/'),
        &user,
        tenant.id,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(link)
}

/// The account mails waiting to be sent (newest first, only those to `email` if given), written
/// out for the operator with their links: without SMTP the operator passes them on.
pub async fn account_mails(pool: &PgPool, email: Option<&str>) -> anyhow::Result<String> {
    let mails = crate::auth::account_mail::waiting(pool, email).await?;
    if mails.is_empty() {
        return Ok("No account mails are waiting.\n".to_string());
    }
    let mut out = String::new();
    for mail in mails {
        out.push_str(&format!(
            "=== {} to {} <{}> ({}, usable until {})\nSubject: {}\n\n{}\n\n",
            mail.created_at.format("%Y-%m-%d %H:%M UTC"),
            mail.to_name,
            mail.to_email,
            mail.kind,
            mail.expires_at.format("%Y-%m-%d %H:%M UTC"),
            mail.subject,
            mail.body
        ));
    }
    Ok(out)
}

/// Sets a municipality's identity provider by the same checks and audit event as its
/// administrator's page (`sso::provider`). Every problem is printed with its field.
pub async fn set_sso(
    pool: &PgPool,
    slug: &str,
    input: &crate::sso::provider::Input,
) -> anyhow::Result<()> {
    use crate::sso::provider;
    let tenant = crate::kernel::tenancy::by_slug(pool, slug)
        .await
        .map_err(|_| anyhow::anyhow!("no municipality has the slug {slug:?}"))?;
    let mut tx = begin_tenant_tx(pool, tenant.id).await?;
    let has_secret = provider::has_secret(&mut tx).await?;
    let fail = |errors: crate::kernel::forms::Errors| {
        let lines: Vec<String> = errors
            .all()
            .iter()
            .map(|(field, message)| format!("  --{}: {message}", field.replace('_', "-")))
            .collect();
        anyhow::anyhow!("nothing was saved:\n{}", lines.join("\n"))
    };
    let checked = provider::check(input, has_secret).map_err(fail)?;
    let actor = Actor::system("retning sso set");
    match provider::save(&mut tx, &checked, &actor).await? {
        Ok(()) => {
            tx.commit().await?;
            Ok(())
        }
        Err(errors) => Err(fail(errors)),
    }
}

/// A municipality's provider settings as text (never the secret), and the connection test.
pub async fn show_sso(pool: &PgPool, slug: &str, base_url: &str) -> anyhow::Result<String> {
    use crate::sso::{oidc, provider};
    let tenant = crate::kernel::tenancy::by_slug(pool, slug)
        .await
        .map_err(|_| anyhow::anyhow!("no municipality has the slug {slug:?}"))?;
    let mut tx = begin_tenant_tx(pool, tenant.id).await?;
    let Some(p) = provider::load(&mut tx).await? else {
        return Ok(format!("{slug} has no identity provider.\n"));
    };
    tx.commit().await?;
    let test = match oidc::test_connection(&p.issuer, &p.signing_alg).await {
        Ok(_) => "ok".to_string(),
        Err(problem) => problem.words(),
    };
    Ok(format!(
        "issuer: {}\nclient id: {}\nclient secret: (stored, never shown)\nalgorithm: {}\nredirect URI: {}\n\
         domains: {}\nroles claim: {}\nrole map: {}\norg unit claim: {}\njust-in-time accounts: {}\n\
         default role: {}\nprovider only: {}\nemergency administrators: {}\nconnection: {test}\n",
        p.issuer,
        p.client_id,
        p.signing_alg,
        oidc::redirect_uri(base_url, slug),
        p.domains.join(", "),
        p.roles_claim,
        p.role_map_text().replace('\n', "; "),
        p.org_unit_claim.as_deref().unwrap_or("-"),
        p.jit,
        p.default_role.map(MemberRole::as_str).unwrap_or("-"),
        p.sso_only,
        p.emergency_admins.join(", "),
    ))
}

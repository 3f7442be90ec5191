//! User administration: invite, set role and place in the organisation, deactivate, reset password.
//!
//! Accounts are global and their credentials belong to the person, so no page here ever shows a
//! link to choose a password: invitations and password links go by e-mail to the person only
//! (`auth::account_mail`). That one rule is also what keeps an invitation from telling the
//! administrator whether the address already had an account: a new account and an existing one
//! get the same notice, the same list entry (the name the administrator typed, "Invited") and the
//! same buttons until the person accepts (`auth::invitations`).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::account_mail::{self, FromTenant};
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{AuditAction, LeadershipLevel, MemberRole};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::forms::Errors;
use crate::kernel::ids::{IdPath, UserId};
use crate::kernel::memberships::{self, AddError, NewMember, Placement, Refusal, Start};
use crate::kernel::org_units::{self, Unit};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};

pub struct MemberRow {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: MemberRole,
    pub title: Option<String>,
    pub org_unit_id: Option<Uuid>,
    pub org_unit: Option<String>,
    pub level: Option<LeadershipLevel>,
    pub is_active: bool,
    pub has_password: bool,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// The person has accepted (always, for members not invited from these pages).
    pub joined: bool,
    /// An invitation waits for the person's answer.
    pub pending: bool,
}

impl MemberRow {
    pub fn last_sign_in(&self) -> String {
        self.last_sign_in_at
            .map(format::datetime)
            .unwrap_or_else(|| crate::t("admin-users-never"))
    }
}

async fn members(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Option<Uuid>,
) -> sqlx::Result<Vec<MemberRow>> {
    // Until the person has accepted, the account's own name, password state and sign-ins are not
    // the municipality's to see: it sees what its administrator typed.
    sqlx::query_as!(
        MemberRow,
        r#"SELECT u.id as user_id, u.email,
                  CASE WHEN m.joined_at IS NULL THEN COALESCE(m.invited_name, u.display_name) ELSE u.display_name END
                    as "display_name!",
                  m.role as "role: MemberRole", m.title, m.org_unit_id,
                  o.name as "org_unit?", m.leadership_level as "level: LeadershipLevel", m.is_active,
                  (m.joined_at IS NOT NULL AND u.password_hash IS NOT NULL) as "has_password!",
                  CASE WHEN m.joined_at IS NULL THEN NULL ELSE u.last_sign_in_at END as last_sign_in_at,
                  (m.joined_at IS NOT NULL) as "joined!", m.pending
           FROM memberships m
           JOIN users u ON u.id = m.user_id
           LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
           WHERE m.tenant_id = $1 AND ($2::uuid IS NULL OR m.user_id = $2)
           ORDER BY m.is_active DESC, m.pending DESC, 3"#,
        tenant_id,
        user_id
    )
    .fetch_all(conn)
    .await
}

#[derive(Default)]
pub struct InviteInput {
    pub email: String,
    pub name: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    chrome: Chrome,
    slug: String,
    members: Vec<MemberRow>,
    roles: &'static [MemberRole],
    input: InviteInput,
    /// Keyed by the invitation form's control ids ("invite-email"): the summary links to them.
    errors: Errors,
    notice: Option<String>,
}

/// The invite form's field for what the membership rules refused (its ids are prefixed, since
/// the page also lists the members).
fn invite_field(refusal: &Refusal) -> &'static str {
    match refusal.field() {
        "email" => "invite-email",
        _ => "invite-name",
    }
}

async fn users_page(state: &AppState, member: &Member) -> AppResult<UsersPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let page = users_page_in(&mut tx, member).await?;
    tx.commit().await?;
    Ok(page)
}

async fn users_page_in(tx: &mut TenantTx, member: &Member) -> AppResult<UsersPage> {
    let members = members(tx, member.tenant.id, None).await?;
    Ok(UsersPage {
        chrome: Chrome::member(
            crate::t1("admin-users-page-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        members,
        roles: MemberRole::ALL,
        input: InviteInput {
            role: "contributor".into(),
            ..Default::default()
        },
        errors: Errors::default(),
        notice: None,
    })
}

#[derive(Deserialize)]
pub struct ListQuery {
    saved: Option<String>,
}

pub async fn list(
    member: Member,
    mut tx: TenantTx,
    axum::extract::Query(q): axum::extract::Query<ListQuery>,
) -> AppResult<Response> {
    let mut page = users_page_in(&mut tx, &member).await?;
    tx.commit().await?;
    page.notice = match q.saved.as_deref() {
        Some("member") => Some(crate::t("admin-users-saved")),
        Some("deactivated") => Some(crate::t("admin-users-deactivated")),
        Some("activated") => Some(crate::t("admin-users-activated")),
        _ => None,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

pub async fn invite(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let email = memberships::email(&form.email);
    let name = memberships::name(&form.name);
    let role = MemberRole::parse(&form.role);
    let mut errors = Errors::default();
    for refusal in [email.as_ref().err(), name.as_ref().err()]
        .into_iter()
        .flatten()
    {
        errors.add(invite_field(refusal), refusal.message());
    }
    if role.is_none() {
        errors.add("invite-role", crate::t("admin-users-error-role"));
    }
    let (Ok(email), Ok(name), Some(role)) = (email, name, role) else {
        let mut page = users_page(&state, &member).await?;
        page.input = InviteInput {
            email: form.email,
            name: form.name,
            role: form.role,
        };
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    };

    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let new = NewMember { email, name, role };
    // Waiting for the person's answer, whether the account is new or not (auth::invitations).
    let user = match memberships::add(&mut tx, &new, Start::Invited, &member.actor(ip)).await {
        Ok(user) => user,
        Err(AddError::Db(e)) => return Err(e.into()),
        Err(AddError::Refused(refusal)) => {
            drop(tx);
            let mut page = users_page(&state, &member).await?;
            page.input = InviteInput {
                email: form.email,
                name: form.name,
                role: form.role,
            };
            page.errors = Errors::one(invite_field(&refusal), refusal.message());
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
        }
    };
    send_invitation(&state, &mut tx, &member, user.id, role).await?;
    tx.commit().await?;
    let NewMember { email, name, .. } = new;

    // Only what the administrator typed, whatever account the address had.
    let mut page = users_page(&state, &member).await?;
    page.notice = Some(format!(
        "{} {}",
        crate::t3(
            "admin-users-invitation-sent",
            "name",
            &name,
            "email",
            &email,
            "role",
            role.label()
        ),
        mail_route(&state)
    ));
    Ok(render(&page))
}

/// Where the person's mail goes, as the administrator is told: the same for every person.
fn mail_route(state: &AppState) -> String {
    if state.settings.smtp_configured {
        crate::t("admin-users-mail-by-smtp")
    } else {
        crate::t("admin-users-mail-waits-for-operator")
    }
}

/// Mails the invitation to the person: a link to choose a password if the account has none, else
/// a notice to accept with their own sign-in. Nothing of it comes back to the administrator.
async fn send_invitation(
    state: &AppState,
    tx: &mut PgConnection,
    member: &Member,
    user_id: Uuid,
    role: MemberRole,
) -> AppResult<()> {
    let Some(person) = account_mail::recipient(&mut *tx, user_id).await? else {
        return Err(AppError::NotFound);
    };
    let from = FromTenant {
        tenant_id: member.tenant.id,
        tenant_name: &member.tenant.name,
        by_user: member.user_id(),
        by_name: &member.user.display_name,
    };
    account_mail::queue_invitation(tx, &state.settings.base_url, &person, &from, role).await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "admin/user_edit.html")]
struct EditPage {
    chrome: Chrome,
    slug: String,
    person: MemberRow,
    /// The active org units in tree order (the administrators' org-unit page builds them).
    org_units: Vec<Unit>,
    roles: &'static [MemberRole],
    levels: &'static [LeadershipLevel],
    input: EditForm,
    errors: Errors,
    /// Why the person could not be deactivated (not a field of the form).
    active_error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct EditForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub org_unit: String,
    #[serde(default)]
    pub level: String,
}

async fn edit_page(state: &AppState, member: &Member, user_id: Uuid) -> AppResult<EditPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let page = edit_page_in(&mut tx, member, user_id).await?;
    tx.commit().await?;
    Ok(page)
}

async fn edit_page_in(tx: &mut TenantTx, member: &Member, user_id: Uuid) -> AppResult<EditPage> {
    let person = members(tx, member.tenant.id, Some(user_id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let org_units = org_units::active(tx).await?;
    let input = EditForm {
        role: person.role.as_str().into(),
        title: person.title.clone().unwrap_or_default(),
        org_unit: person
            .org_unit_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        level: person
            .level
            .map(|l| l.as_str().to_string())
            .unwrap_or_default(),
    };
    Ok(EditPage {
        chrome: Chrome::member(
            crate::t1("admin-user-page-title", "name", &person.display_name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        person,
        org_units,
        roles: MemberRole::ALL,
        levels: LeadershipLevel::ALL,
        input,
        errors: Errors::default(),
        active_error: None,
        notice: None,
    })
}

pub async fn edit_form(
    member: Member,
    mut tx: TenantTx,
    IdPath(UserId(user_id)): IdPath<UserId>,
) -> AppResult<Response> {
    let page = edit_page_in(&mut tx, &member, user_id).await?;
    tx.commit().await?;
    Ok(render(&page))
}

pub async fn update(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(UserId(user_id)): IdPath<UserId>,
    Form(form): Form<EditForm>,
) -> AppResult<Response> {
    let mut page = edit_page(&state, &member, user_id).await?;
    let mut errors = Errors::default();
    let role = MemberRole::parse(&form.role);
    if role.is_none() {
        errors.add("role", crate::t("admin-users-error-role"));
    }
    let level = match form.level.as_str() {
        "" => Ok(None),
        word => LeadershipLevel::parse(word).map(Some).ok_or(()),
    };
    if level.is_err() {
        errors.add("level", crate::t("admin-user-error-level"));
    }
    let org_unit = match form.org_unit.as_str() {
        "" => Ok(None),
        raw => Uuid::parse_str(raw)
            .ok()
            .filter(|id| page.org_units.iter().any(|o| o.id == *id))
            .map(Some)
            .ok_or(()),
    };
    if org_unit.is_err() {
        errors.add("org_unit", crate::t("admin-user-error-unit"));
    }
    let title = form.title.trim().to_string();
    if title.chars().count() > 300 {
        errors.add("title", crate::t("admin-user-error-title-too-long"));
    } else if let Err(problem) = crate::web::text::line(&title) {
        errors.add("title", problem.message());
    }
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    if let Some(role) = role
        && page.person.role == MemberRole::Admin
        && role != MemberRole::Admin
        && memberships::other_admins(&mut tx, user_id).await? == 0
    {
        errors.add("role", crate::t("admin-users-error-last-admin"));
    }
    let (Some(role), Ok(level), Ok(org_unit), true) = (role, level, org_unit, errors.is_empty())
    else {
        page.input = form;
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    };
    let before = serde_json::json!({
        "role": page.person.role.as_str(), "title": page.person.title, "org_unit": page.person.org_unit,
        "level": page.person.level.map(|l| l.as_str()),
    });
    let placement = Placement {
        role,
        title: title.clone(),
        org_unit,
        level,
    };
    memberships::place(&mut tx, user_id, &placement).await?;
    let org_unit_name = org_unit
        .and_then(|id| page.org_units.iter().find(|o| o.id == id))
        .map(|o| o.name.clone());
    let after = serde_json::json!({
        "role": role.as_str(), "title": (!title.is_empty()).then_some(&title), "org_unit": org_unit_name,
        "level": level.map(|l| l.as_str()),
    });
    let (action, summary) = if role != page.person.role {
        (
            AuditAction::MemberRoleChanged,
            crate::kernel::audit::record_text(|| {
                crate::t3(
                    "admin-audit-role-changed",
                    "name",
                    &page.person.display_name,
                    "from",
                    page.person.role.label(),
                    "to",
                    role.label(),
                )
            }),
        )
    } else {
        (
            AuditAction::MemberUpdated,
            crate::kernel::audit::record_text(|| {
                crate::t1(
                    "admin-audit-member-updated",
                    "name",
                    &page.person.display_name,
                )
            }),
        )
    };
    let actor = member.actor(ip);
    audit::record(
        &mut tx,
        member.tenant.id,
        &actor,
        Event::new(action, "user", Some(user_id), summary).change(Some(before), Some(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/users?saved=member",
        member.tenant.slug
    ))
    .into_response())
}

async fn set_active(
    state: &AppState,
    member: &Member,
    ip: Option<String>,
    user_id: Uuid,
    active: bool,
) -> AppResult<Response> {
    let page = edit_page(state, member, user_id).await?;
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    if !active
        && page.person.role == MemberRole::Admin
        && memberships::other_admins(&mut tx, user_id).await? == 0
    {
        let mut page = page;
        page.active_error = Some(crate::t("admin-users-error-last-admin"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    if page.person.joined {
        memberships::set_active(&mut tx, user_id, active).await?;
    } else {
        // An invitation the person has not answered is withdrawn or renewed, never made active.
        memberships::set_invited(&mut tx, user_id, active).await?;
        if active {
            send_invitation(state, &mut tx, member, user_id, page.person.role).await?;
        }
    }
    let actor = member.actor(ip);
    let (action, summary) = if active {
        (
            AuditAction::MemberActivated,
            crate::kernel::audit::record_text(|| {
                crate::t1("admin-audit-activated", "name", &page.person.display_name)
            }),
        )
    } else {
        (
            AuditAction::MemberDeactivated,
            crate::kernel::audit::record_text(|| {
                crate::t1("admin-audit-deactivated", "name", &page.person.display_name)
            }),
        )
    };
    let event = Event::new(action, "user", Some(user_id), summary).change(
        Some(serde_json::json!({ "active": page.person.is_active })),
        Some(serde_json::json!({ "active": active })),
    );
    audit::record(&mut tx, member.tenant.id, &actor, event).await?;
    tx.commit().await?;
    let saved = if active { "activated" } else { "deactivated" };
    Ok(Redirect::to(&format!(
        "/t/{}/admin/users?saved={saved}",
        member.tenant.slug
    ))
    .into_response())
}

/// What a member is responsible for, as the question before deactivating them says.
pub struct Responsible {
    pub focus_areas: i64,
    pub goals: i64,
    pub sub_goals: i64,
    pub initiatives: i64,
    /// Their follow-ups in an open round that are not yet submitted.
    pub open_followups: i64,
}

impl Responsible {
    pub fn owns_anything(&self) -> bool {
        self.focus_areas + self.goals + self.sub_goals + self.initiatives > 0
    }

    /// "3 delmål og 1 initiativ", naming only what there is.
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        for (count, key) in [
            (self.focus_areas, "admin-user-owns-focus-areas"),
            (self.goals, "admin-user-owns-goals"),
            (self.sub_goals, "admin-user-owns-sub-goals"),
            (self.initiatives, "admin-user-owns-initiatives"),
        ] {
            if count > 0 {
                parts.push(crate::t1(key, "count", count));
            }
        }
        match parts.len() {
            0 => String::new(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                crate::t2(
                    "admin-org-list-and",
                    "first",
                    parts.join(", "),
                    "last",
                    last,
                )
            }
        }
    }
}

/// One statement, whatever the size of the strategy.
async fn responsible(tx: &mut TenantTx, user_id: Uuid) -> sqlx::Result<Responsible> {
    let tenant_id = tx.tenant_id();
    sqlx::query_as!(
        Responsible,
        r#"SELECT
             (SELECT count(*) FROM focus_areas WHERE tenant_id = $1 AND director_id = $2 AND archived_at IS NULL) as "focus_areas!",
             (SELECT count(*) FROM goals WHERE tenant_id = $1 AND owner_id = $2 AND archived_at IS NULL) as "goals!",
             (SELECT count(*) FROM sub_goals WHERE tenant_id = $1 AND owner_id = $2 AND archived_at IS NULL) as "sub_goals!",
             (SELECT count(*) FROM initiatives WHERE tenant_id = $1 AND owner_id = $2 AND archived_at IS NULL) as "initiatives!",
             (SELECT count(*) FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
               WHERE f.tenant_id = $1 AND f.owner_id = $2 AND r.state = 'open'
                 AND f.review_state IN ('draft', 'returned')) as "open_followups!""#,
        tenant_id,
        user_id
    )
    .fetch_one(&mut **tx)
    .await
}

#[derive(Template)]
#[template(path = "admin/user_deactivate.html")]
struct DeactivatePage {
    chrome: Chrome,
    slug: String,
    tenant_name: String,
    person: MemberRow,
    responsible: Responsible,
    /// Why the person cannot be deactivated (the last administrator).
    refusal: Option<String>,
}

async fn deactivate_page(
    tx: &mut TenantTx,
    member: &Member,
    user_id: Uuid,
) -> AppResult<DeactivatePage> {
    let person = members(tx, member.tenant.id, Some(user_id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let refusal = (person.role == MemberRole::Admin
        && memberships::other_admins(tx, user_id).await? == 0)
        .then(|| crate::t("admin-users-error-last-admin"));
    Ok(DeactivatePage {
        chrome: Chrome::member(
            crate::t1("admin-user-deactivate-title", "name", &person.display_name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        tenant_name: member.tenant.name.clone(),
        responsible: responsible(tx, user_id).await?,
        refusal,
        person,
    })
}

/// The question before deactivating: who, and what happens to their access and their work.
pub async fn deactivate_form(
    member: Member,
    mut tx: TenantTx,
    IdPath(UserId(user_id)): IdPath<UserId>,
) -> AppResult<Response> {
    let page = deactivate_page(&mut tx, &member, user_id).await?;
    tx.commit().await?;
    if !page.person.joined || !page.person.is_active {
        // Nothing to ask: an invitation is withdrawn from the person's page, and a deactivated
        // member is activated there.
        return Ok(
            Redirect::to(&format!("/t/{}/admin/users/{user_id}", member.tenant.slug))
                .into_response(),
        );
    }
    Ok(render(&page))
}

#[derive(Deserialize, Default)]
pub struct ConfirmForm {
    #[serde(default)]
    confirmed: String,
}

pub async fn deactivate(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(UserId(user_id)): IdPath<UserId>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    if form.confirmed != "yes" {
        // A member who has joined is deactivated only after the question; withdrawing an
        // invitation (undone by sending it again) posts its confirmation with it.
        let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
        let page = deactivate_page(&mut tx, &member, user_id).await?;
        tx.commit().await?;
        if page.person.joined && page.person.is_active {
            return Ok(render(&page));
        }
    }
    set_active(&state, &member, ip, user_id, false).await
}

pub async fn activate(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(UserId(user_id)): IdPath<UserId>,
) -> AppResult<Response> {
    set_active(&state, &member, ip, user_id, true).await
}

/// "Send invitation again" for someone who has not accepted, "send a link for a new password" for
/// a member: either way a mail to the person, and the same notice here whatever their account is.
pub async fn reset_link(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(UserId(user_id)): IdPath<UserId>,
) -> AppResult<Response> {
    let page = edit_page(&state, &member, user_id).await?;
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let (action, key) = if page.person.joined {
        let person = account_mail::recipient(&mut tx, user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let from = FromTenant {
            tenant_id: member.tenant.id,
            tenant_name: &member.tenant.name,
            by_user: member.user_id(),
            by_name: &member.user.display_name,
        };
        account_mail::queue_password_link(&mut tx, &state.settings.base_url, &person, Some(&from))
            .await?;
        (
            AuditAction::UserPasswordLinkCreated,
            "admin-audit-password-link",
        )
    } else {
        // A withdrawn invitation waits for the person's answer again.
        memberships::set_invited(&mut tx, user_id, true).await?;
        send_invitation(&state, &mut tx, &member, user_id, page.person.role).await?;
        (
            AuditAction::UserInvitationResent,
            "admin-audit-invitation-resent",
        )
    };
    let actor = member.actor(ip);
    let summary =
        crate::kernel::audit::record_text(|| crate::t1(key, "name", &page.person.display_name));
    audit::record(
        &mut tx,
        member.tenant.id,
        &actor,
        Event::new(action, "user", Some(user_id), summary),
    )
    .await?;
    tx.commit().await?;
    let mut page = edit_page(&state, &member, user_id).await?;
    page.notice = Some(format!(
        "{} {}",
        crate::t1("admin-user-link-mailed", "email", &page.person.email),
        mail_route(&state)
    ));
    Ok(render(&page))
}

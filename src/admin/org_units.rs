//! The municipality's organisation, built in the browser: administrators create org units, rename
//! them, move them under another unit and archive (and restore) them. Before this page, org units
//! came only from a strategy file.
//!
//! Archiving moves whatever is placed in the unit (people, sub-goals, initiatives) to its parent,
//! or out of any unit when it is a top-level one, after the administrator has been told how many
//! and has confirmed. So no current placement points to an archived unit: the forms offer only
//! active units, and "Pr. enhed" on the round and status pages counts the work under a unit that
//! still exists. A unit with active sub-units is not archived until they are moved or archived.
//!
//! Every write takes one advisory lock per municipality for its transaction, then reads the tree
//! again: two administrators moving units at the same moment cannot make a cycle or two
//! siblings of one name between them.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event, record_text};
use crate::kernel::forms::{self, Errors};
use crate::kernel::ids::{IdPath, OrgUnitId};
use crate::kernel::org_units::{self, Unit};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult};

const NAME_MAX: usize = 300;

/// How much is placed directly in a unit.
#[derive(Default, Clone, Copy)]
pub struct Placed {
    pub people: i64,
    pub sub_goals: i64,
    pub initiatives: i64,
}

impl Placed {
    pub fn is_empty(&self) -> bool {
        self.people + self.sub_goals + self.initiatives == 0
    }

    /// "3 personer, 2 delmål og 1 initiativ", naming only what there is.
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        if self.people > 0 {
            parts.push(crate::t1("admin-org-count-people", "count", self.people));
        }
        if self.sub_goals > 0 {
            parts.push(crate::t1(
                "admin-org-count-sub-goals",
                "count",
                self.sub_goals,
            ));
        }
        if self.initiatives > 0 {
            parts.push(crate::t1(
                "admin-org-count-initiatives",
                "count",
                self.initiatives,
            ));
        }
        match parts.len() {
            0 => crate::t("admin-org-count-nothing"),
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

/// A unit as the page lists it.
pub struct UnitRow {
    pub unit: Unit,
    pub placed: Placed,
    pub parent: Option<String>,
    /// For the nested list of the tree: this row is the first child of the one before it.
    pub opens: bool,
    /// Units below it follow (its `<li>` stays open for their list).
    pub has_children: bool,
    /// How many nested lists end after this row.
    pub closes: usize,
}

/// Sets the nesting of rows in tree order (depth first, depth rising by one at a time).
fn nest(rows: &mut [UnitRow]) {
    for i in 0..rows.len() {
        let depth = rows[i].unit.depth;
        let prev = if i == 0 { 0 } else { rows[i - 1].unit.depth };
        let next = rows.get(i + 1).map_or(0, |r| r.unit.depth);
        rows[i].opens = depth > prev;
        rows[i].has_children = next > depth;
        rows[i].closes = depth.saturating_sub(next);
    }
}

/// Everything placed in each unit, in one statement.
async fn placed(tx: &mut TenantTx) -> sqlx::Result<Vec<(Uuid, Placed)>> {
    let rows = sqlx::query!(
        r#"SELECT o.id,
                  (SELECT count(*) FROM memberships m WHERE m.tenant_id = o.tenant_id AND m.org_unit_id = o.id) as "people!",
                  (SELECT count(*) FROM sub_goals s WHERE s.tenant_id = o.tenant_id AND s.org_unit_id = o.id) as "sub_goals!",
                  (SELECT count(*) FROM initiatives i WHERE i.tenant_id = o.tenant_id AND i.org_unit_id = o.id) as "initiatives!"
           FROM org_units o WHERE o.tenant_id = $1"#,
        tx.tenant_id()
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                Placed {
                    people: r.people,
                    sub_goals: r.sub_goals,
                    initiatives: r.initiatives,
                },
            )
        })
        .collect())
}

fn find(units: &[Unit], id: Uuid) -> Option<&Unit> {
    units.iter().find(|u| u.id == id)
}

fn name_of(units: &[Unit], id: Option<Uuid>) -> Option<String> {
    id.and_then(|id| find(units, id)).map(|u| u.name.clone())
}

/// Serialises the municipality's org-unit writes (see the module comment).
async fn lock(tx: &mut TenantTx) -> sqlx::Result<()> {
    let key = format!("org_units:{}", tx.tenant_id());
    sqlx::query!(
        "SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))",
        key
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Default, Deserialize, Clone)]
pub struct UnitForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub parent: String,
}

#[derive(Template)]
#[template(path = "admin/org_units.html")]
struct ListPage {
    chrome: Chrome,
    slug: String,
    active: Vec<UnitRow>,
    archived: Vec<UnitRow>,
    /// Where a new unit can go: the active units in tree order.
    parents: Vec<Unit>,
    input: UnitForm,
    /// Keyed by the control ids "unit-name" and "unit-parent".
    errors: Errors,
    notice: Option<String>,
    /// Why a restore was refused (not a field of the form).
    restore_error: Option<String>,
}

async fn list_page(tx: &mut TenantTx, member: &Member) -> AppResult<ListPage> {
    let units = org_units::all(tx).await?;
    let counts = placed(tx).await?;
    let row = |u: &Unit| UnitRow {
        placed: counts
            .iter()
            .find(|(id, _)| *id == u.id)
            .map(|(_, p)| *p)
            .unwrap_or_default(),
        parent: name_of(&units, u.parent_id),
        unit: u.clone(),
        opens: false,
        has_children: false,
        closes: 0,
    };
    let mut active: Vec<UnitRow> = units.iter().filter(|u| !u.archived).map(row).collect();
    nest(&mut active);
    let archived: Vec<UnitRow> = units.iter().filter(|u| u.archived).map(row).collect();
    Ok(ListPage {
        chrome: Chrome::member(
            crate::t1("admin-org-page-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        parents: units.iter().filter(|u| !u.archived).cloned().collect(),
        active,
        archived,
        input: UnitForm::default(),
        errors: Errors::default(),
        notice: None,
        restore_error: None,
    })
}

#[derive(Deserialize)]
pub struct ListQuery {
    done: Option<String>,
    unit: Option<String>,
}

pub async fn list(
    member: Member,
    mut tx: TenantTx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let mut page = list_page(&mut tx, &member).await?;
    tx.commit().await?;
    let name = q
        .unit
        .as_deref()
        .and_then(|raw| Uuid::parse_str(raw).ok())
        .and_then(|id| {
            page.active
                .iter()
                .chain(page.archived.iter())
                .find(|r| r.unit.id == id)
        })
        .map(|r| r.unit.name.clone());
    page.notice = match (q.done.as_deref(), name) {
        (Some("created"), Some(name)) => Some(crate::t1("admin-org-created", "name", name)),
        (Some("saved"), Some(name)) => Some(crate::t1("admin-org-saved", "name", name)),
        (Some("archived"), Some(name)) => Some(crate::t1("admin-org-archived", "name", name)),
        (Some("restored"), Some(name)) => Some(crate::t1("admin-org-restored", "name", name)),
        _ => None,
    };
    Ok(render(&page))
}

/// Reads and checks the name and parent of a unit (`unit`: the one being edited, if any).
/// Errors are keyed by the control ids "unit-name" and "unit-parent".
fn check(
    units: &[Unit],
    form: &UnitForm,
    unit: Option<&Unit>,
    errors: &mut Errors,
) -> (String, Option<Uuid>) {
    let name = forms::required(errors, "unit-name", &form.name, NAME_MAX);
    let parent = match form.parent.trim() {
        "" => Some(None),
        raw => Uuid::parse_str(raw)
            .ok()
            .and_then(|id| find(units, id))
            .filter(|p| !p.archived)
            .map(|p| Some(p.id)),
    };
    let Some(parent) = parent else {
        errors.add("unit-parent", crate::t("admin-org-error-parent"));
        return (name, None);
    };
    if let (Some(unit), Some(parent_id)) = (unit, parent)
        && org_units::subtree(units, unit.id).contains(&parent_id)
    {
        let message = if parent_id == unit.id {
            crate::t("admin-org-error-own-parent")
        } else {
            crate::t2(
                "admin-org-error-cycle",
                "name",
                &unit.name,
                "parent",
                name_of(units, Some(parent_id)).unwrap_or_default(),
            )
        };
        errors.add("unit-parent", message);
        return (name, parent);
    }
    if !name.is_empty() && !errors.has("unit-name") && sibling_named(units, &name, parent, unit) {
        let message = match name_of(units, parent) {
            Some(parent) => crate::t2("admin-org-error-duplicate", "name", &name, "parent", parent),
            None => crate::t1("admin-org-error-duplicate-top", "name", &name),
        };
        errors.add("unit-name", message);
    }
    (name, parent)
}

/// Whether an active unit under `parent` (other than `unit`) already has this name, whatever
/// its case: two "Skoler" under one parent cannot be told apart in any list.
fn sibling_named(units: &[Unit], name: &str, parent: Option<Uuid>, unit: Option<&Unit>) -> bool {
    let name = name.to_lowercase();
    units.iter().any(|u| {
        !u.archived
            && u.parent_id == parent
            && unit.is_none_or(|me| me.id != u.id)
            && u.name.to_lowercase() == name
    })
}

pub async fn create(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    lock(&mut tx).await?;
    let units = org_units::all(&mut tx).await?;
    let mut errors = Errors::default();
    let (name, parent) = check(&units, &form, None, &mut errors);
    if !errors.is_empty() {
        let mut page = list_page(&mut tx, &member).await?;
        tx.commit().await?;
        page.input = form;
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let id = Uuid::now_v7();
    sqlx::query!(
        r#"INSERT INTO org_units (tenant_id, id, key, name, parent_id, position)
           VALUES ($1, $2, $3, $4, $5,
                   (SELECT COALESCE(max(position), 0) + 1 FROM org_units
                    WHERE tenant_id = $1 AND parent_id IS NOT DISTINCT FROM $5))"#,
        member.tenant.id,
        id,
        crate::authoring::fields::key_for(&name, id),
        name,
        parent
    )
    .execute(&mut *tx)
    .await?;
    let parent_name = name_of(&units, parent);
    let summary = record_text(|| match &parent_name {
        Some(p) => crate::t2("admin-org-audit-created-under", "name", &name, "parent", p),
        None => crate::t1("admin-org-audit-created", "name", &name),
    });
    audit::record(
        &mut tx,
        member.tenant.id,
        &member.actor(ip),
        Event::new(AuditAction::OrgUnitCreated, "org_unit", Some(id), summary).change(
            None,
            Some(serde_json::json!({ "name": name, "parent": parent_name })),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/org-units?done=created&unit={id}",
        member.tenant.slug
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "admin/org_unit_edit.html")]
struct EditPage {
    chrome: Chrome,
    slug: String,
    unit: Unit,
    placed: Placed,
    /// Where the unit can be moved: active units outside its own subtree.
    parents: Vec<Unit>,
    input: UnitForm,
    errors: Errors,
}

async fn edit_page(tx: &mut TenantTx, member: &Member, id: Uuid) -> AppResult<EditPage> {
    let units = org_units::all(tx).await?;
    let unit = find(&units, id).cloned().ok_or(AppError::NotFound)?;
    let below = org_units::subtree(&units, id);
    let placed = placed(tx)
        .await?
        .into_iter()
        .find(|(u, _)| *u == id)
        .map(|(_, p)| p)
        .unwrap_or_default();
    Ok(EditPage {
        chrome: Chrome::member(
            crate::t1("admin-org-edit-title", "name", &unit.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        parents: units
            .iter()
            .filter(|u| !u.archived && !below.contains(&u.id))
            .cloned()
            .collect(),
        input: UnitForm {
            name: unit.name.clone(),
            parent: unit.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        },
        placed,
        unit,
        errors: Errors::default(),
    })
}

pub async fn edit_form(
    member: Member,
    mut tx: TenantTx,
    IdPath(OrgUnitId(id)): IdPath<OrgUnitId>,
) -> AppResult<Response> {
    let page = edit_page(&mut tx, &member, id).await?;
    tx.commit().await?;
    Ok(render(&page))
}

pub async fn update(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(OrgUnitId(id)): IdPath<OrgUnitId>,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    lock(&mut tx).await?;
    let units = org_units::all(&mut tx).await?;
    let unit = find(&units, id).cloned().ok_or(AppError::NotFound)?;
    if unit.archived {
        // Only an active unit has a form; an archived one is restored first.
        return Err(AppError::NotFound);
    }
    let mut errors = Errors::default();
    let (name, parent) = check(&units, &form, Some(&unit), &mut errors);
    if !errors.is_empty() {
        let mut page = edit_page(&mut tx, &member, id).await?;
        tx.commit().await?;
        page.input = form;
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let actor = member.actor(ip);
    if name != unit.name {
        sqlx::query!(
            "UPDATE org_units SET name = $3 WHERE tenant_id = $1 AND id = $2",
            member.tenant.id,
            id,
            name
        )
        .execute(&mut *tx)
        .await?;
        let summary =
            record_text(|| crate::t2("admin-org-audit-renamed", "name", &unit.name, "to", &name));
        audit::record(
            &mut tx,
            member.tenant.id,
            &actor,
            Event::new(AuditAction::OrgUnitRenamed, "org_unit", Some(id), summary).change(
                Some(serde_json::json!({ "name": unit.name })),
                Some(serde_json::json!({ "name": name })),
            ),
        )
        .await?;
    }
    if parent != unit.parent_id {
        sqlx::query!(
            r#"UPDATE org_units SET parent_id = $3,
                      position = (SELECT COALESCE(max(position), 0) + 1 FROM org_units
                                  WHERE tenant_id = $1 AND parent_id IS NOT DISTINCT FROM $3)
               WHERE tenant_id = $1 AND id = $2"#,
            member.tenant.id,
            id,
            parent
        )
        .execute(&mut *tx)
        .await?;
        let none = || record_text(|| crate::t("admin-org-audit-top-level"));
        let from = name_of(&units, unit.parent_id).unwrap_or_else(none);
        let to = name_of(&units, parent).unwrap_or_else(none);
        let summary = record_text(|| {
            crate::t3(
                "admin-org-audit-moved",
                "name",
                &name,
                "from",
                &from,
                "to",
                &to,
            )
        });
        audit::record(
            &mut tx,
            member.tenant.id,
            &actor,
            Event::new(AuditAction::OrgUnitMoved, "org_unit", Some(id), summary).change(
                Some(serde_json::json!({ "parent": name_of(&units, unit.parent_id) })),
                Some(serde_json::json!({ "parent": name_of(&units, parent) })),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/org-units?done=saved&unit={id}",
        member.tenant.slug
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "admin/org_unit_archive.html")]
struct ArchivePage {
    chrome: Chrome,
    slug: String,
    unit: Unit,
    placed: Placed,
    /// Where what is placed in the unit goes: its parent, or no unit.
    parent: Option<String>,
    /// Active sub-units, which keep the unit from being archived.
    children: Vec<String>,
}

impl ArchivePage {
    pub fn children_text(&self) -> String {
        self.children.join(", ")
    }
}

#[derive(Deserialize)]
pub struct ArchiveForm {
    #[serde(default)]
    confirmed: String,
}

async fn archive_page(tx: &mut TenantTx, member: &Member, id: Uuid) -> AppResult<ArchivePage> {
    let units = org_units::all(tx).await?;
    let unit = find(&units, id).cloned().ok_or(AppError::NotFound)?;
    let placed = placed(tx)
        .await?
        .into_iter()
        .find(|(u, _)| *u == id)
        .map(|(_, p)| p)
        .unwrap_or_default();
    Ok(ArchivePage {
        chrome: Chrome::member(
            crate::t1("admin-org-archive-title", "name", &unit.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        parent: name_of(&units, unit.parent_id),
        children: units
            .iter()
            .filter(|u| !u.archived && u.parent_id == Some(id))
            .map(|u| u.name.clone())
            .collect(),
        placed,
        unit,
    })
}

/// The question before archiving: how much is placed in the unit and where it goes.
pub async fn archive_form(
    member: Member,
    mut tx: TenantTx,
    IdPath(OrgUnitId(id)): IdPath<OrgUnitId>,
) -> AppResult<Response> {
    let page = archive_page(&mut tx, &member, id).await?;
    tx.commit().await?;
    if page.unit.archived {
        return Err(AppError::NotFound);
    }
    Ok(render(&page))
}

/// Archives a unit. An empty unit is archived at once; one with people, sub-goals or initiatives
/// only with `confirmed`, else the question is the answer.
pub async fn archive(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(OrgUnitId(id)): IdPath<OrgUnitId>,
    Form(form): Form<ArchiveForm>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    lock(&mut tx).await?;
    let page = archive_page(&mut tx, &member, id).await?;
    if page.unit.archived {
        tx.commit().await?;
        return Ok(Redirect::to(&format!(
            "/t/{}/admin/org-units?done=archived&unit={id}",
            member.tenant.slug
        ))
        .into_response());
    }
    if !page.children.is_empty() {
        tx.commit().await?;
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    if !page.placed.is_empty() && form.confirmed != "yes" {
        tx.commit().await?;
        return Ok(render(&page));
    }
    let tenant = member.tenant.id;
    let parent = page.unit.parent_id;
    sqlx::query!(
        "UPDATE memberships SET org_unit_id = $3 WHERE tenant_id = $1 AND org_unit_id = $2",
        tenant,
        id,
        parent
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE sub_goals SET org_unit_id = $3 WHERE tenant_id = $1 AND org_unit_id = $2",
        tenant,
        id,
        parent
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE initiatives SET org_unit_id = $3 WHERE tenant_id = $1 AND org_unit_id = $2",
        tenant,
        id,
        parent
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE org_units SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
        tenant,
        id
    )
    .execute(&mut *tx)
    .await?;
    let placed = page.placed;
    let summary = record_text(|| {
        if placed.is_empty() {
            crate::t1("admin-org-audit-archived", "name", &page.unit.name)
        } else {
            let to = page
                .parent
                .clone()
                .unwrap_or_else(|| crate::t("admin-org-no-unit"));
            crate::t3(
                "admin-org-audit-archived-moved",
                "name",
                &page.unit.name,
                "what",
                placed.text(),
                "to",
                to,
            )
        }
    });
    let moved = serde_json::json!({
        "people": placed.people, "sub_goals": placed.sub_goals, "initiatives": placed.initiatives,
    });
    audit::record(
        &mut tx,
        tenant,
        &member.actor(ip),
        Event::new(AuditAction::OrgUnitArchived, "org_unit", Some(id), summary).change(
            Some(serde_json::json!({ "archived": false, "placed": moved })),
            Some(serde_json::json!({ "archived": true, "moved_to": page.parent })),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/org-units?done=archived&unit={id}",
        member.tenant.slug
    ))
    .into_response())
}

/// Restores an archived unit where it was. Refused, with the reason on the list, when its parent
/// is archived too or an active sibling has taken its name meanwhile.
pub async fn restore(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(OrgUnitId(id)): IdPath<OrgUnitId>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    lock(&mut tx).await?;
    let units = org_units::all(&mut tx).await?;
    let unit = find(&units, id).cloned().ok_or(AppError::NotFound)?;
    if !unit.archived {
        tx.commit().await?;
        return Ok(Redirect::to(&format!(
            "/t/{}/admin/org-units?done=restored&unit={id}",
            member.tenant.slug
        ))
        .into_response());
    }
    let parent = unit.parent_id.and_then(|p| find(&units, p));
    let refusal = if let Some(parent) = parent.filter(|p| p.archived) {
        Some(crate::t2(
            "admin-org-error-restore-parent",
            "name",
            &unit.name,
            "parent",
            &parent.name,
        ))
    } else if sibling_named(&units, &unit.name, unit.parent_id, Some(&unit)) {
        Some(crate::t1(
            "admin-org-error-restore-duplicate",
            "name",
            &unit.name,
        ))
    } else {
        None
    };
    if let Some(refusal) = refusal {
        let mut page = list_page(&mut tx, &member).await?;
        tx.commit().await?;
        page.restore_error = Some(refusal);
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    sqlx::query!(
        "UPDATE org_units SET archived_at = NULL WHERE tenant_id = $1 AND id = $2",
        member.tenant.id,
        id
    )
    .execute(&mut *tx)
    .await?;
    let summary = record_text(|| crate::t1("admin-org-audit-restored", "name", &unit.name));
    audit::record(
        &mut tx,
        member.tenant.id,
        &member.actor(ip),
        Event::new(AuditAction::OrgUnitRestored, "org_unit", Some(id), summary).change(
            Some(serde_json::json!({ "archived": true })),
            Some(serde_json::json!({ "archived": false })),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/org-units?done=restored&unit={id}",
        member.tenant.slug
    ))
    .into_response())
}

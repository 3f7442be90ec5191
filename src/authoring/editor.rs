//! The one flow every editing form follows, whatever it edits: show the form (new or loaded),
//! validate what came back and show it again with the problems marked, create at most once (the
//! id is minted when the form is shown), refuse to overwrite a newer version (the conflict page),
//! write the change and its audit event in one transaction, and go back to the outline.
//! Each kind of item (`focus_areas`, `goals`, ...) says only what is particular to it.

use std::collections::HashMap;
use std::future::Future;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::Identified;
use super::conflict;
use super::context::{self, EditedStrategy};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::forms::{self, Errors};
use crate::kernel::ids::IdPath;
use crate::layout::Chrome;
use crate::web::{AppError, AppResult};

/// What the form page of an item needs besides the layout.
pub struct FormData<E: Editable> {
    pub slug: String,
    pub strategy: String,
    /// The strategy's own word for a focus area, as a label and inside a sentence.
    pub focus_area_label: String,
    pub focus_area_term: String,
    /// `None` for a new item.
    pub id: Option<Uuid>,
    pub input: E::Input,
    pub errors: Errors,
    pub offered: E::Offered,
}

pub trait Editable: Sized + Send + Sync + 'static {
    /// The form as typed (strings, so that nothing typed is ever lost).
    type Input: Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static;
    /// The form once valid, and the item as stored.
    type Values: Send + Sync;
    /// What the form offers to choose from (people, parents, ...).
    type Offered: Send + Sync;

    /// "The goal", for "… has been changed by someone else" (in the request's language).
    fn what() -> String;
    /// The path segment: `/t/{slug}/edit/{PATH}/{id}`.
    const PATH: &'static str;
    /// The audit log's entity name, also the outline's anchor prefix.
    const ENTITY: &'static str;
    /// Page titles: "New goal", "Edit goal".
    fn new_title(strategy: &EditedStrategy) -> String;
    fn edit_title(strategy: &EditedStrategy) -> String;

    fn offered(
        tx: &mut TenantTx,
        strategy: &EditedStrategy,
    ) -> impl Future<Output = sqlx::Result<Self::Offered>> + Send;

    /// The stored item with its version, locked for the rest of the transaction.
    fn current(
        tx: &mut TenantTx,
        id: Uuid,
    ) -> impl Future<Output = sqlx::Result<Option<(i32, Self::Values)>>> + Send;

    /// Inserts unless an item with this id exists (a second submit); says whether it did.
    fn insert(
        tx: &mut TenantTx,
        strategy: Uuid,
        id: Uuid,
        values: &Self::Values,
    ) -> impl Future<Output = sqlx::Result<bool>> + Send;

    /// Writes the values and bumps the version.
    fn update(
        tx: &mut TenantTx,
        id: Uuid,
        values: &Self::Values,
    ) -> impl Future<Output = sqlx::Result<()>> + Send;

    fn validate(input: &Self::Input, offered: &Self::Offered) -> Result<Self::Values, Errors>;
    /// Each field's id and its name (the label), for the error summary.
    fn names() -> Vec<(&'static str, String)>;
    /// The form filled with stored values.
    fn input(values: &Self::Values, version: i32) -> Self::Input;
    /// An empty form; `query` may preselect a parent (`?goal=…`).
    fn blank(new_id: Uuid, query: &HashMap<String, String>) -> Self::Input;
    fn version_field(input: &Self::Input) -> &str;
    fn new_id_field(input: &Self::Input) -> &str;
    /// Equal content: saving it again changes nothing and conflicts with nothing.
    fn same(a: &Self::Values, b: &Self::Values) -> bool;
    fn json(values: &Self::Values) -> serde_json::Value;
    /// The audit summary of a creation (`before` is `None`) or a change.
    fn summary(
        before: Option<&Self::Values>,
        after: &Self::Values,
        offered: &Self::Offered,
    ) -> String;
    /// The heading of the conflict page.
    fn title(values: &Self::Values) -> String;
    /// The fields side by side: the user's version and the stored one.
    fn conflict_rows(
        yours: &Self::Input,
        theirs: &Self::Input,
        offered: &Self::Offered,
    ) -> Vec<conflict::Row>;
    fn render(chrome: Chrome, form: FormData<Self>) -> Response;
}

async fn form_page<E: Editable>(
    state: &AppState,
    member: &Member,
    id: Option<Uuid>,
    input: Option<E::Input>,
    query: &HashMap<String, String>,
    mut errors: Errors,
) -> AppResult<Response> {
    errors.name(&E::names());
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let offered = E::offered(&mut tx, &strategy).await?;
    // The stored item names the page ("Redigér delmål: …"), also when the form comes back with
    // errors and shows what was typed, so that the title says which item is being edited.
    let stored = match id {
        Some(id) => Some(E::current(&mut tx, id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let title = match &stored {
        Some((_, values)) => crate::t2(
            "authoring-edit-title-named",
            "what",
            E::edit_title(&strategy),
            "title",
            crate::web::format::shorten(&E::title(values), 60),
        ),
        None => E::new_title(&strategy),
    };
    let input = match (input, stored) {
        (Some(input), _) => input,
        (None, Some((version, values))) => E::input(&values, version),
        (None, None) => E::blank(Uuid::now_v7(), query),
    };
    tx.commit().await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let form = FormData {
        slug: member.tenant.slug.clone(),
        focus_area_label: strategy.focus_area_label(),
        focus_area_term: strategy.focus_area_term(),
        strategy: strategy.title,
        id,
        input,
        errors,
        offered,
    };
    Ok((status, E::render(Chrome::member(title, member), form)).into_response())
}

fn back<E: Editable>(slug: &str, id: Uuid) -> String {
    context::workspace(slug, &format!("{}-{id}", E::ENTITY))
}

pub async fn new_page<E: Editable>(
    State(state): State<AppState>,
    member: Member,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    form_page::<E>(&state, &member, None, None, &query, Errors::default()).await
}

pub async fn edit_page<E: Editable + Identified>(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<E::Id>,
) -> AppResult<Response> {
    let id: Uuid = id.into();
    form_page::<E>(
        &state,
        &member,
        Some(id),
        None,
        &HashMap::new(),
        Errors::default(),
    )
    .await
}

pub async fn create<E: Editable>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(input): Form<E::Input>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let offered = E::offered(&mut tx, &strategy).await?;
    let values = match E::validate(&input, &offered) {
        Ok(values) => values,
        Err(errors) => {
            tx.rollback().await?;
            return form_page::<E>(&state, &member, None, Some(input), &HashMap::new(), errors)
                .await;
        }
    };
    // The id was minted when the form was shown, so a double submit creates one item.
    let id = Uuid::parse_str(E::new_id_field(&input).trim()).unwrap_or_else(|_| Uuid::now_v7());
    if E::insert(&mut tx, strategy.id, id, &values).await? {
        audit::record(
            &mut tx,
            tenant,
            &member.actor(ip),
            Event::new(
                AuditAction::ItemCreated,
                E::ENTITY,
                Some(id),
                crate::kernel::audit::record_text(|| E::summary(None, &values, &offered)),
            )
            .change(None, Some(E::json(&values))),
        )
        .await?;
        tx.commit().await?;
        return Ok(Redirect::to(&back::<E>(&member.tenant.slug, id)).into_response());
    }
    // The item exists: this form was sent before. Saying "created" while dropping what was
    // typed now would lose it silently, so the new text is saved or shown next to the stored one.
    let slug = member.tenant.slug.clone();
    let Some((version, saved)) = E::current(&mut tx, id).await? else {
        // Archived meanwhile: the form comes back as typed, and sending it again creates a new
        // item (with a new id) rather than bringing back the archived one unasked.
        tx.rollback().await?;
        let mut errors = Errors::default();
        errors.add(
            "error-summary",
            crate::t1("authoring-error-archived-meanwhile", "what", E::what()),
        );
        let input = with_new_id::<E>(input, Uuid::now_v7());
        return form_page::<E>(&state, &member, None, Some(input), &HashMap::new(), errors).await;
    };
    if E::same(&values, &saved) {
        // The same form twice (a double click): the first one did the work.
        tx.rollback().await?;
        return Ok(Redirect::to(&back::<E>(&slug, id)).into_response());
    }
    // Back after creating, a change, and create again: still the creator's own, untouched item,
    // so the change is what they mean. Anything else is someone's later work: the conflict page.
    if version == 1 && created_by(&mut tx, E::ENTITY, id).await? == Some(member.user_id()) {
        return update_item::<E>(tx, &member, ip, id, &saved, &values, &offered).await;
    }
    tx.rollback().await?;
    let theirs = E::input(&saved, version);
    Ok(conflict::page(
        Chrome::member(crate::t("authoring-conflict-title"), &member),
        E::what(),
        E::title(&saved),
        E::conflict_rows(&input, &theirs, &offered),
        format!("/t/{slug}/edit/{}/{id}", E::PATH),
        &input,
        version,
    ))
}

/// The form as typed, with another minted id (every form names that field `new_id`).
fn with_new_id<E: Editable>(input: E::Input, id: Uuid) -> E::Input {
    let encoded = serde_html_form::to_string(&input).unwrap_or_default();
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(encoded.as_bytes()) {
        if key == "new_id" {
            form.append_pair(&key, &id.to_string());
        } else {
            form.append_pair(&key, &value);
        }
    }
    serde_html_form::from_str(&form.finish()).unwrap_or(input)
}

/// Who created the item, from the audit log (written in the same transaction as the item).
async fn created_by(tx: &mut TenantTx, entity: &str, id: Uuid) -> sqlx::Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT actor_id FROM audit_events
           WHERE tenant_id = $1 AND action = $4 AND entity = $2 AND entity_id = $3
           ORDER BY at LIMIT 1"#,
        tx.tenant_id(),
        entity,
        id,
        AuditAction::ItemCreated.as_str()
    )
    .fetch_optional(&mut **tx)
    .await?
    .flatten())
}

pub async fn save<E: Editable + Identified>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<E::Id>,
    Form(input): Form<E::Input>,
) -> AppResult<Response> {
    let id: Uuid = id.into();
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let (version, saved) = E::current(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let offered = E::offered(&mut tx, &strategy).await?;
    let values = match E::validate(&input, &offered) {
        Ok(values) => values,
        Err(errors) => {
            tx.rollback().await?;
            return form_page::<E>(
                &state,
                &member,
                Some(id),
                Some(input),
                &HashMap::new(),
                errors,
            )
            .await;
        }
    };
    if E::same(&values, &saved) {
        // Nothing changed (or the same save arrived twice): nothing to write, nothing to conflict.
        tx.rollback().await?;
        return Ok(Redirect::to(&back::<E>(&slug, id)).into_response());
    }
    if forms::version(E::version_field(&input)) != version {
        tx.rollback().await?;
        let theirs = E::input(&saved, version);
        return Ok(conflict::page(
            Chrome::member(crate::t("authoring-conflict-title"), &member),
            E::what(),
            E::title(&saved),
            E::conflict_rows(&input, &theirs, &offered),
            format!("/t/{slug}/edit/{}/{id}", E::PATH),
            &input,
            version,
        ));
    }
    update_item::<E>(tx, &member, ip, id, &saved, &values, &offered).await
}

/// Writes the new values over the stored item with its audit event (before and after), commits,
/// and goes back to the item in the outline: the one way an item is updated, from its own form
/// and from its create form sent again after Back.
async fn update_item<E: Editable>(
    mut tx: crate::db::TenantTx,
    member: &Member,
    ip: Option<String>,
    id: Uuid,
    saved: &E::Values,
    values: &E::Values,
    offered: &E::Offered,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    E::update(&mut tx, id, values).await?;
    audit::record(
        &mut tx,
        tenant,
        &member.actor(ip),
        Event::new(
            AuditAction::ItemUpdated,
            E::ENTITY,
            Some(id),
            crate::kernel::audit::record_text(|| E::summary(Some(saved), values, offered)),
        )
        .change(Some(E::json(saved)), Some(E::json(values))),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&back::<E>(&member.tenant.slug, id)).into_response())
}

//! The follow-up form: the owner (or the secretariat on their behalf) writes status, measured
//! value, what was done, next steps and a good story; saves a draft or submits. Saving checks the
//! version it was loaded with, so two people never overwrite each other silently.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, FollowupRow};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::{
    AuditAction, CommentKind, DecisionKind, FollowupStatus, ReviewState, RoundState,
};
use crate::kernel::access::{Capability, Member};
use crate::kernel::audit::{self, Event};
use crate::kernel::forms::Errors;
use crate::kernel::ids::{FollowUpId, IdPath};
use crate::layout::{Chrome, render};
use crate::strategy::StatusView;
use crate::web::{AppError, AppResult, format};
use crate::{t, t1, t2, t3};

const MAX_TEXT: usize = 10_000;
const PROPOSALS: [DecisionKind; 4] = [
    DecisionKind::Continue,
    DecisionKind::Adjust,
    DecisionKind::Stop,
    DecisionKind::Scale,
];

/// What the form holds, as typed.
#[derive(Deserialize, Default, Clone, PartialEq)]
pub struct Input {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub narrative: String,
    #[serde(default)]
    pub next_steps: String,
    #[serde(default)]
    pub learned: String,
    #[serde(default)]
    pub proposal: String,
    #[serde(default)]
    pub story: String,
    #[serde(default)]
    pub story_shareable: Option<String>,
    #[serde(default)]
    pub action: String,
}

impl Input {
    fn from_row(f: &FollowupRow) -> Self {
        let untouched = f.version == 1 && f.review_state == ReviewState::Draft;
        Self {
            version: f.version.to_string(),
            status: if untouched {
                String::new()
            } else {
                f.status.as_str().to_string()
            },
            value: f.measured_value.map(format::number).unwrap_or_default(),
            narrative: f.narrative.clone().unwrap_or_default(),
            next_steps: f.next_steps.clone().unwrap_or_default(),
            learned: f.learned.clone().unwrap_or_default(),
            proposal: f
                .proposal
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            story: f.story.clone().unwrap_or_default(),
            story_shareable: f.story_shareable.then(|| "on".to_string()),
            action: String::new(),
        }
    }

    pub fn shareable(&self) -> bool {
        self.story_shareable.is_some()
    }
}

pub struct PreviousView {
    pub round: String,
    pub status: StatusView,
    pub value: Option<String>,
    pub narrative: String,
}

pub struct DecisionView {
    pub kind: String,
    pub text: String,
    pub decided_on: String,
    pub round: Option<String>,
}

#[derive(Template)]
#[template(path = "followups/form.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    id: Uuid,
    round_label: String,
    deadline: String,
    subject: String,
    goal_text: Option<String>,
    focus_area: Option<String>,
    is_initiative: bool,
    indicator: Option<String>,
    unit: Option<String>,
    baseline: Option<String>,
    target: Option<String>,
    sub_goal_deadline: Option<String>,
    hypothesis: Option<String>,
    success_criterion: Option<String>,
    owner: Option<String>,
    filled_in_for_owner: bool,
    review: String,
    review_css: &'static str,
    previous: Option<PreviousView>,
    conversation: super::conversation::Conversation,
    decisions: Vec<DecisionView>,
    can_decide: bool,
    proposal_label: Option<String>,
    can_edit: bool,
    can_review: bool,
    locked_reason: Option<String>,
    input: Input,
    errors: Errors,
    /// Why nothing was saved when the form could not be saved at all (not a field's error).
    form_error: Option<String>,
    /// Why the review or the decision was refused, shown in its own section.
    review_error: Option<String>,
    decision_error: Option<String>,
    statuses: &'static [FollowupStatus],
    proposals: &'static [DecisionKind],
    /// The steering group's decision as typed, when it came back with an error: (kind, reason).
    decision_input: (String, String),
    notice: Option<String>,
}

fn may_edit(member: &Member, f: &FollowupRow) -> Result<(), String> {
    if f.round_state != RoundState::Open {
        return Err(t("followups-locked-round-closed"));
    }
    if !(f.owner_id == Some(member.user_id()) || member.can(Capability::WriteAnyFollowUp)) {
        return Err(t("followups-locked-not-owner"));
    }
    match f.review_state {
        ReviewState::Submitted => Err(t("followups-locked-submitted")),
        ReviewState::Approved => Err(t("followups-locked-approved")),
        ReviewState::Draft | ReviewState::Returned => Ok(()),
    }
}

/// Whether the follow-up `raw_id` is one `member` may edit now: only then does the access guard
/// keep text posted to it after the member's session expired (`auth::pending`).
pub(super) async fn may_keep_pending(
    state: &AppState,
    member: &Member,
    id: FollowUpId,
) -> AppResult<bool> {
    match load(state, member, id).await {
        Ok(f) => Ok(may_edit(member, &f).is_ok()),
        Err(AppError::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

async fn build(
    state: &AppState,
    member: &Member,
    f: FollowupRow,
    input: Option<Input>,
) -> AppResult<FormPage> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let previous = queries::previous(&mut tx, tenant, &f).await?;
    let conversation = super::conversation::load(&mut tx, member, &f).await?;
    let decisions = match f.initiative_id {
        Some(initiative) => queries::initiative_decisions(&mut tx, tenant, initiative).await?,
        None => Vec::new(),
    };
    tx.commit().await?;
    let unit = f.unit.as_deref();
    let (review, review_css) = super::rounds::review_css(f.review_state, f.version > 1);
    let edit = may_edit(member, &f);
    Ok(FormPage {
        chrome: Chrome::member(
            t1(
                "followups-form-title",
                "subject",
                f.subject.chars().take(60).collect::<String>(),
            ),
            member,
        ),
        slug: member.tenant.slug.clone(),
        id: f.id,
        round_label: f.round_label.clone(),
        deadline: format::date_long(f.deadline),
        goal_text: f.goal_text.clone(),
        focus_area: f.focus_area.clone(),
        is_initiative: f.initiative_id.is_some(),
        indicator: f.indicator.clone(),
        baseline: crate::strategy::baseline_text(f.baseline_value, unit, f.baseline_date),
        target: f.target_value.map(|v| format::quantity(v, unit)),
        sub_goal_deadline: f.sub_goal_deadline.map(format::date_long),
        hypothesis: f.hypothesis.clone(),
        success_criterion: f.success_criterion.clone(),
        owner: f.owner_name.clone(),
        filled_in_for_owner: f.filled_in_for_owner,
        review,
        review_css,
        previous: previous.map(|p| PreviousView {
            round: p.round_label,
            status: p.status.into(),
            value: p.measured_value.map(|v| format::quantity(v, unit)),
            narrative: p.narrative.unwrap_or_default(),
        }),
        conversation,
        decisions: decisions
            .into_iter()
            .map(|d| DecisionView {
                kind: d.kind.label(),
                text: d.text,
                decided_on: format::date_long(d.decided_on),
                round: d.round_label,
            })
            .collect(),
        can_decide: f.initiative_id.is_some() && member.can(Capability::Decide),
        proposal_label: f.proposal.map(|p| p.label()),
        can_edit: edit.is_ok(),
        can_review: member.can(Capability::ReviewFollowUps)
            && f.round_state == RoundState::Open
            && f.review_state == ReviewState::Submitted,
        locked_reason: edit.err(),
        input: input.unwrap_or_else(|| Input::from_row(&f)),
        errors: Errors::default(),
        form_error: None,
        review_error: None,
        decision_error: None,
        statuses: FollowupStatus::ALL,
        proposals: &PROPOSALS,
        decision_input: (String::new(), String::new()),
        notice: None,
        unit: f.unit.clone(),
        subject: f.subject,
    })
}

/// The follow-up `raw_id` of the member's municipality; anything else is a 404.
pub(super) async fn load(
    state: &AppState,
    member: &Member,
    id: FollowUpId,
) -> AppResult<FollowupRow> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let row = queries::followup(&mut tx, member.tenant.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(row)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<FollowUpId>,
    Query(q): Query<Saved>,
    uri: axum::http::Uri,
    jar: axum_extra::extract::cookie::CookieJar,
) -> AppResult<Response> {
    let f = load(&state, &member, id).await?;
    // Text typed before the session expired comes back into the form (not saved yet).
    let restored =
        match crate::auth::pending::take(&state.db, &jar, uri.path(), member.user_id()).await? {
            Some(body) if may_edit(&member, &f).is_ok() => {
                serde_urlencoded::from_str::<Input>(&body).ok()
            }
            _ => None,
        };
    let was_restored = restored.is_some();
    let mut page = build(&state, &member, f, restored).await?;
    if was_restored {
        page.notice = Some(t("followups-notice-restored"));
        let jar = jar.add(crate::auth::pending::removal(
            state.settings.sessions.secure_cookie,
        ));
        return Ok((jar, render(&page)).into_response());
    }
    page.notice = match q.saved.as_deref() {
        Some("draft") => Some("followups-notice-draft"),
        Some("submitted") => Some("followups-notice-submitted"),
        Some("approved") => Some("followups-notice-approved"),
        Some("returned") => Some("followups-notice-returned"),
        Some("decided") => Some("followups-notice-decided"),
        Some("replied") => Some("followups-notice-replied"),
        _ => None,
    }
    .map(t);
    Ok(render(&page))
}

/// The checked values of a save.
struct Valid {
    status: FollowupStatus,
    value: Option<f64>,
    narrative: Option<String>,
    next_steps: Option<String>,
    learned: Option<String>,
    proposal: Option<DecisionKind>,
    story: Option<String>,
    shareable: bool,
    submit: bool,
}

/// A textarea's text as stored: trimmed, line breaks as LF, empty as `None` (`validate` has
/// refused what cannot be stored).
fn text(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty())
        .then(|| crate::web::text::multiline(trimmed).unwrap_or_else(|_| trimmed.to_string()))
}

fn validate(f: &FollowupRow, input: &Input) -> Result<Valid, Errors> {
    let mut errors = Errors::default();
    let submit = input.action == "submit";
    let status = match input.status.as_str() {
        "" if submit => {
            errors.add("status", t("followups-error-status-required"));
            None
        }
        "" => Some(FollowupStatus::NotStarted),
        word => {
            let parsed = FollowupStatus::parse(word);
            if parsed.is_none() {
                errors.add("status", t("followups-error-status-unknown"));
            }
            parsed
        }
    };
    let value = match (input.value.trim(), f.unit.as_deref()) {
        ("", _) => None,
        (_, None) => {
            errors.add("value", t("followups-error-value-no-unit"));
            None
        }
        (raw, Some(unit)) => match format::parse_quantity(raw, Some(unit)) {
            Err(problem) => {
                let not_a_number = || t1("followups-error-value-not-number", "unit", unit);
                errors.add("value", problem.message(not_a_number, Some(unit)));
                None
            }
            Ok(v) if unit == "%" && !(0.0..=100.0).contains(&v) => {
                errors.add("value", t("followups-error-value-percent"));
                None
            }
            Ok(v) if v.abs() >= 1e12 => {
                errors.add("value", t("followups-error-value-too-large"));
                None
            }
            Ok(v) => Some(v),
        },
    };
    for (field, label, value) in [
        ("narrative", "followups-field-narrative", &input.narrative),
        (
            "next_steps",
            "followups-field-next-steps",
            &input.next_steps,
        ),
        ("learned", "followups-field-learned", &input.learned),
        ("story", "followups-field-story", &input.story),
    ] {
        if let Err(problem) = crate::web::text::multiline(value) {
            errors.add(field, problem.message());
            continue;
        }
        let length = value.trim().chars().count();
        if length > MAX_TEXT {
            errors.add(
                field,
                t3(
                    "followups-error-too-long",
                    "label",
                    t(label),
                    "max",
                    MAX_TEXT,
                    "length",
                    length,
                ),
            );
        }
    }
    let proposal = match (input.proposal.as_str(), f.initiative_id.is_some()) {
        ("", _) => None,
        (_, false) => {
            errors.add("proposal", t("followups-error-proposal-initiative-only"));
            None
        }
        (word, true) => {
            let parsed = DecisionKind::parse(word).filter(|p| PROPOSALS.contains(p));
            if parsed.is_none() {
                errors.add("proposal", t("followups-error-proposal-unknown"));
            }
            parsed
        }
    };
    if f.initiative_id.is_none() && !input.learned.trim().is_empty() {
        errors.add("learned", t("followups-error-learned-initiative-only"));
    }
    let story = text(&input.story);
    if input.shareable() && story.is_none() {
        errors.add("story", t("followups-error-story-required"));
    }
    match (status, errors.is_empty()) {
        (Some(status), true) => Ok(Valid {
            status,
            value,
            narrative: text(&input.narrative),
            next_steps: text(&input.next_steps),
            learned: text(&input.learned),
            proposal,
            shareable: input.shareable() && story.is_some(),
            story,
            submit,
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "followups/conflict.html")]
struct ConflictPage {
    chrome: Chrome,
    slug: String,
    id: Uuid,
    subject: String,
    saved_at: String,
    saved: Input,
    yours: Input,
}

pub async fn save(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<FollowUpId>,
    Form(input): Form<Input>,
) -> AppResult<Response> {
    let f = load(&state, &member, id).await?;
    if let Err(reason) = may_edit(&member, &f) {
        // A double-clicked submit arrives here a second time: the first one did the work.
        if input.action == "submit"
            && f.review_state == ReviewState::Submitted
            && same_content(&f, &input)
        {
            return Ok(Redirect::to(&format!(
                "/t/{}/followups/{}?saved=submitted",
                member.tenant.slug, f.id
            ))
            .into_response());
        }
        if f.owner_id != Some(member.user_id()) && !member.can(Capability::WriteAnyFollowUp) {
            return Err(AppError::NotFound);
        }
        let mut page = build(&state, &member, f, Some(input)).await?;
        page.form_error = Some(t1("followups-nothing-changed", "reason", reason));
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    let valid = match validate(&f, &input) {
        Ok(valid) => valid,
        Err(errors) => {
            let mut page = build(&state, &member, f, Some(input)).await?;
            page.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
        }
    };
    let version: i32 = input.version.parse().unwrap_or(-1);
    if version != f.version {
        return conflict_unless_applied(&state, &member, f, input, version, &valid).await;
    }

    let tenant = member.tenant.id;
    let on_behalf = f.owner_id != Some(member.user_id());
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let updated = sqlx::query_scalar!(
        r#"UPDATE followups SET status = $4, measured_value = $5, narrative = $6, next_steps = $7, learned = $8, proposal = $9,
               review_state = CASE WHEN $10 THEN 'submitted'::review_state ELSE review_state END,
               submitted_at = CASE WHEN $10 THEN now() ELSE submitted_at END,
               filled_in_for_owner = filled_in_for_owner OR $11,
               version = version + 1, updated_at = now(), updated_by = $12
           WHERE tenant_id = $1 AND id = $2 AND version = $3 AND review_state IN ('draft', 'returned')
           RETURNING version"#,
        tenant,
        f.id,
        version,
        valid.status as FollowupStatus,
        valid.value,
        valid.narrative,
        valid.next_steps,
        valid.learned,
        valid.proposal as Option<DecisionKind>,
        valid.submit,
        on_behalf,
        member.user_id()
    )
    .fetch_optional(&mut *tx)
    .await?;
    if updated.is_none() {
        // Someone saved in between: show both versions instead of overwriting theirs (unless it
        // was this very save, sent twice).
        drop(tx);
        let current = load(&state, &member, id).await?;
        return conflict_unless_applied(&state, &member, current, input, version, &valid).await;
    }
    match &valid.story {
        Some(story) => {
            sqlx::query!(
                r#"INSERT INTO stories (tenant_id, id, followup_id, text, shareable) VALUES ($1, $2, $3, $4, $5)
                   ON CONFLICT (tenant_id, followup_id) DO UPDATE SET text = EXCLUDED.text, shareable = EXCLUDED.shareable"#,
                tenant,
                Uuid::now_v7(),
                f.id,
                story,
                valid.shareable
            )
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query!(
                "DELETE FROM stories WHERE tenant_id = $1 AND followup_id = $2",
                tenant,
                f.id
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    if valid.submit {
        let note = on_behalf.then(|| audit::record_text(|| t("followups-comment-on-behalf")));
        let submitted = queries::add_comment(
            &mut tx,
            tenant,
            f.id,
            member.user_id(),
            CommentKind::Submitted,
            note.as_deref(),
        )
        .await?;
        // After a return, the secretariat hears that it is back (`reminders::followup_mail`).
        crate::reminders::followup_mail::queue_for_comment(
            &mut tx,
            tenant,
            &state.settings.base_url,
            f.id,
            submitted,
        )
        .await?;
    }
    let before = serde_json::json!({
        "status": f.status.as_str(), "value": f.measured_value, "narrative": f.narrative, "next_steps": f.next_steps,
        "learned": f.learned, "proposal": f.proposal.map(|p| p.as_str()), "story": f.story, "review": f.review_state.as_str(),
    });
    let after = serde_json::json!({
        "status": valid.status.as_str(), "value": valid.value, "narrative": valid.narrative, "next_steps": valid.next_steps,
        "learned": valid.learned, "proposal": valid.proposal.map(|p| p.as_str()), "story": valid.story,
        "review": if valid.submit { "submitted" } else { f.review_state.as_str() }, "on_behalf_of_owner": on_behalf,
    });
    let (action, summary_key) = if valid.submit {
        (AuditAction::FollowupSubmitted, "followups-audit-submitted")
    } else {
        (AuditAction::FollowupSaved, "followups-audit-saved")
    };
    let summary = audit::record_text(|| {
        t2(
            summary_key,
            "round",
            &f.round_label,
            "subject",
            f.subject.chars().take(120).collect::<String>(),
        )
    });
    audit::record(
        &mut tx,
        tenant,
        &member.actor(ip),
        Event::new(action, "followup", Some(f.id), summary).change(Some(before), Some(after)),
    )
    .await?;
    tx.commit().await?;
    let saved = if valid.submit { "submitted" } else { "draft" };
    Ok(Redirect::to(&format!(
        "/t/{}/followups/{}?saved={saved}",
        member.tenant.slug, f.id
    ))
    .into_response())
}

/// The follow-up page with a refused review: the message in the review section, answered with
/// `status`.
pub async fn with_review_error(
    state: &AppState,
    member: &Member,
    f: FollowupRow,
    message: String,
    status: StatusCode,
) -> AppResult<Response> {
    let mut page = build(state, member, f, None).await?;
    page.review_error = Some(message);
    Ok((status, render(&page)).into_response())
}

/// The follow-up page with a refused reply in the conversation: the message, and the reply as
/// it was typed.
pub async fn with_conversation_error(
    state: &AppState,
    member: &Member,
    f: FollowupRow,
    typed: String,
    message: String,
) -> AppResult<Response> {
    let mut page = build(state, member, f, None).await?;
    page.conversation.typed = typed;
    page.conversation.error = Some(message);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

/// The follow-up page with a refused decision: the message, and the decision as it was typed, so
/// that the reason written is not lost.
pub async fn with_decision_error(
    state: &AppState,
    member: &Member,
    f: FollowupRow,
    typed: (String, String),
    message: String,
) -> AppResult<Response> {
    let mut page = build(state, member, f, None).await?;
    page.decision_error = Some(message);
    page.decision_input = typed;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

/// The conflict page, unless what is stored now is exactly this save, made by this member on the
/// version they had: the same form sent twice (a double click, a slow connection's retry), whose
/// first copy won the race. That one answers as the first did, instead of telling the person
/// that someone else changed what they themselves just saved.
async fn conflict_unless_applied(
    state: &AppState,
    member: &Member,
    current: FollowupRow,
    input: Input,
    base_version: i32,
    valid: &Valid,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let last_saved_by = sqlx::query_scalar!(
        "SELECT updated_by FROM followups WHERE tenant_id = $1 AND id = $2 AND version = $3",
        member.tenant.id,
        current.id,
        current.version
    )
    .fetch_optional(&mut *tx)
    .await?
    .flatten();
    tx.commit().await?;
    let review_as_saved = if valid.submit {
        current.review_state == ReviewState::Submitted
    } else {
        matches!(
            current.review_state,
            ReviewState::Draft | ReviewState::Returned
        )
    };
    let applied = last_saved_by == Some(member.user_id())
        && current.version == base_version + 1
        && review_as_saved
        && same_content(&current, &input);
    if applied {
        let saved = if valid.submit { "submitted" } else { "draft" };
        return Ok(Redirect::to(&format!(
            "/t/{}/followups/{}?saved={saved}",
            member.tenant.slug, current.id
        ))
        .into_response());
    }
    conflict(member, current, input)
}

/// Same texts and values as stored in `saved`, ignoring the version and the button pressed. The
/// value is compared as the number stored, not as the page rounds it for showing.
fn same_content(saved: &FollowupRow, posted: &Input) -> bool {
    let norm = |i: &Input| {
        let mut i = i.clone();
        for s in [
            &mut i.narrative,
            &mut i.next_steps,
            &mut i.learned,
            &mut i.story,
        ] {
            *s = text(s).unwrap_or_default();
        }
        i.story_shareable = i.story_shareable.map(|_| "on".into());
        i
    };
    let (a, b) = (norm(&Input::from_row(saved)), norm(posted));
    let posted_value = format::parse_quantity(posted.value.trim(), saved.unit.as_deref()).ok();
    a.status == b.status
        && a.narrative == b.narrative
        && a.next_steps == b.next_steps
        && a.learned == b.learned
        && a.story == b.story
        && a.proposal == b.proposal
        && a.story_shareable == b.story_shareable
        && saved.measured_value == posted_value
}

fn conflict(member: &Member, current: FollowupRow, yours: Input) -> AppResult<Response> {
    let page = ConflictPage {
        chrome: Chrome::member(t("followups-conflict-title"), member),
        slug: member.tenant.slug.clone(),
        id: current.id,
        subject: current.subject.clone(),
        saved_at: format::datetime(current.updated_at),
        saved: Input::from_row(&current),
        yours,
    };
    Ok((StatusCode::CONFLICT, render(&page)).into_response())
}

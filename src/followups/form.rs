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
use crate::web::format::{Block, blocks};
use crate::web::{AppError, AppResult, format};
use crate::{t, t1, t2, t3};

const MAX_TEXT: usize = 10_000;
/// The reason why nothing was measured is a sentence or two, not a report.
const MAX_REASON: usize = 2_000;
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
    /// "Ikke målt i perioden" ticked, and why (issue 13.6).
    #[serde(default)]
    pub not_measured: Option<String>,
    #[serde(default)]
    pub not_measured_reason: String,
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
            not_measured: f.not_measured_reason.is_some().then(|| "on".to_string()),
            not_measured_reason: f.not_measured_reason.clone().unwrap_or_default(),
            action: String::new(),
        }
    }

    pub fn shareable(&self) -> bool {
        self.story_shareable.is_some()
    }

    pub fn not_measured(&self) -> bool {
        self.not_measured.is_some()
    }

    /// The status as its word ("Udfordret"), or as typed when it is not one of the words.
    pub fn status_label(&self) -> String {
        match FollowupStatus::parse(&self.status) {
            Some(status) => status.label(),
            None => self.status.clone(),
        }
    }
}

/// The follow-up as submitted, for reading: a locked follow-up shows its answers as text, not
/// as disabled controls (issue 14.6).
pub struct AnswerView {
    /// `None` while nothing was written (a draft never touched, in a closed round).
    pub status: Option<StatusView>,
    pub value: Option<String>,
    pub not_measured_reason: Option<String>,
    pub narrative: Vec<Block>,
    pub next_steps: Vec<Block>,
    pub learned: Vec<Block>,
    pub proposal: Option<String>,
    pub story: Vec<Block>,
    pub story_shareable: bool,
}

impl AnswerView {
    fn of(f: &FollowupRow) -> Self {
        let untouched = f.version == 1 && f.review_state == ReviewState::Draft;
        let text = |t: &Option<String>| t.as_deref().map(blocks).unwrap_or_default();
        Self {
            status: (!untouched).then(|| f.status.into()),
            value: f
                .measured_value
                .map(|v| format::quantity(v, f.unit.as_deref())),
            not_measured_reason: f.not_measured_reason.clone(),
            narrative: text(&f.narrative),
            next_steps: text(&f.next_steps),
            learned: text(&f.learned),
            proposal: f.proposal.map(|p| p.label()),
            story: text(&f.story),
            story_shareable: f.story_shareable,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.value.is_none()
            && self.not_measured_reason.is_none()
            && self.narrative.is_empty()
            && self.next_steps.is_empty()
            && self.learned.is_empty()
            && self.story.is_empty()
    }
}

pub struct PreviousView {
    pub round: String,
    pub status: StatusView,
    pub value: Option<String>,
    pub narrative: String,
    /// The next steps promised last time, shown and offered for carrying into this draft.
    pub next_steps: Vec<Block>,
    pub has_next_steps: bool,
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
    /// The member's own follow-up ("Din opfølgning", reached from "Mine opfølgninger"), or
    /// someone else's (the secretariat's way in is the round).
    is_own: bool,
    can_run_rounds: bool,
    round_id: Uuid,
    /// The sub-goal has an indicator and a unit: a value (or "not measured") is asked for.
    needs_value: bool,
    /// The stored answers as text, when the form cannot be edited.
    answer: Option<AnswerView>,
    /// What was sent and refused (a resubmit after Back): shown apart from what is stored, so
    /// that nothing typed is lost.
    refused: Option<Input>,
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
    let answer = edit.is_err().then(|| AnswerView::of(&f));
    let is_own = f.owner_id == Some(member.user_id());
    let mut chrome = Chrome::member(
        t1(
            "followups-form-title",
            "subject",
            // Cut at a word, never inside one (the title is read out first).
            crate::web::format::shorten(&f.subject, 60),
        ),
        member,
    );
    if !is_own {
        // Someone else's follow-up is reached through its round, not "Mine opfølgninger".
        chrome.nav_here = Some(format!("/t/{}/rounds/{}", member.tenant.slug, f.round_id));
    }
    Ok(FormPage {
        chrome,
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
        is_own,
        can_run_rounds: member.can(Capability::RunRounds),
        round_id: f.round_id,
        needs_value: needs_value(&f),
        answer,
        refused: None,
        review,
        review_css,
        previous: previous.map(|p| PreviousView {
            round: p.round_label,
            status: p.status.into(),
            value: p.measured_value.map(|v| format::quantity(v, unit)),
            narrative: p.narrative.unwrap_or_default(),
            has_next_steps: p.next_steps.is_some(),
            next_steps: p.next_steps.as_deref().map(blocks).unwrap_or_default(),
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
    // The secretariat submitting on the owner's behalf is told so, not thanked as the owner.
    let on_behalf = f.owner_id != Some(member.user_id());
    let owner = f.owner_name.clone();
    let mut page = build(&state, &member, f, restored).await?;
    if was_restored {
        page.notice = Some(t("followups-notice-restored"));
        let jar = jar.add(crate::auth::pending::removal(
            state.settings.sessions.secure_cookie,
        ));
        return Ok((jar, render(&page)).into_response());
    }
    page.notice = match q.saved.as_deref() {
        Some("submitted") if on_behalf => Some(match owner {
            Some(name) => t1("followups-notice-submitted-on-behalf", "owner", name),
            None => t("followups-notice-submitted-no-owner"),
        }),
        saved => match saved {
            Some("draft") => Some("followups-notice-draft"),
            Some("submitted") => Some("followups-notice-submitted"),
            Some("approved") => Some("followups-notice-approved"),
            Some("returned") => Some("followups-notice-returned"),
            Some("decided") => Some("followups-notice-decided"),
            Some("replied") => Some("followups-notice-replied"),
            _ => None,
        }
        .map(t),
    };
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
    not_measured_reason: Option<String>,
    submit: bool,
}

/// A sub-goal measured by an indicator in a unit: its follow-up is submitted with a measured
/// value, or with an explicit "not measured in the period" and why.
fn needs_value(f: &FollowupRow) -> bool {
    f.sub_goal_id.is_some() && f.indicator.is_some() && f.unit.is_some()
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
    let typed_reason = input.not_measured_reason.trim();
    let not_measured_reason = if input.not_measured() {
        if f.unit.is_none() || f.sub_goal_id.is_none() {
            errors.add("not_measured", t("followups-error-not-measured-no-unit"));
        } else if !input.value.trim().is_empty() {
            errors.add("value", t("followups-error-value-and-not-measured"));
        }
        if typed_reason.is_empty() {
            errors.add(
                "not_measured_reason",
                t("followups-error-not-measured-reason-required"),
            );
        } else if let Err(problem) = crate::web::text::multiline(typed_reason) {
            errors.add("not_measured_reason", problem.message());
        } else if typed_reason.chars().count() > MAX_REASON {
            errors.add(
                "not_measured_reason",
                t2(
                    "followups-error-not-measured-reason-too-long",
                    "max",
                    MAX_REASON,
                    "length",
                    typed_reason.chars().count(),
                ),
            );
        }
        text(typed_reason)
    } else {
        if !typed_reason.is_empty() {
            // A reason without the box ticked says two things at once: ask which.
            errors.add("not_measured", t("followups-error-not-measured-unticked"));
        }
        None
    };
    if submit && needs_value(f) && input.value.trim().is_empty() && !input.not_measured() {
        errors.add(
            "value",
            t1(
                "followups-error-value-required",
                "unit",
                f.unit.as_deref().unwrap_or_default(),
            ),
        );
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
            not_measured_reason,
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
    /// Who saved and when: "Mette Hansen 3.12.2026 kl. 14.02", or "you, in another window".
    saved_by: String,
    by_self: bool,
    rows: Vec<crate::kernel::forms::Row>,
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
        // After Back, the browser shows the form as it was before the submit: the page shows
        // what is stored now, and what was sent apart from it, so that nothing typed is lost.
        let differs = !same_content(&f, &input);
        let mut page = build(&state, &member, f, None).await?;
        page.form_error = Some(t1("followups-nothing-changed", "reason", reason));
        page.refused = differs.then_some(input);
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    if input.action == "carry" {
        return carry_next_steps(&state, &member, f, input).await;
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
               not_measured_reason = $13,
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
        member.user_id(),
        valid.not_measured_reason
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
        "not_measured_reason": f.not_measured_reason,
    });
    let after = serde_json::json!({
        "status": valid.status.as_str(), "value": valid.value, "narrative": valid.narrative, "next_steps": valid.next_steps,
        "learned": valid.learned, "proposal": valid.proposal.map(|p| p.as_str()), "story": valid.story,
        "review": if valid.submit { "submitted" } else { f.review_state.as_str() }, "on_behalf_of_owner": on_behalf,
        "not_measured_reason": valid.not_measured_reason,
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
        && a.not_measured.is_some() == b.not_measured.is_some()
        && text(&a.not_measured_reason) == text(&b.not_measured_reason)
        && saved.measured_value == posted_value
}

fn conflict(member: &Member, current: FollowupRow, yours: Input) -> AppResult<Response> {
    let by_self = current.updated_by == Some(member.user_id());
    let at = format::datetime(current.updated_at);
    let saved_by = if by_self {
        t1("followups-conflict-by-you", "at", at)
    } else {
        match &current.updated_by_name {
            Some(name) => t2("followups-conflict-by-name", "name", name, "at", at),
            None => t1("followups-conflict-by-someone", "at", at),
        }
    };
    let saved = Input::from_row(&current);
    let unit = current.unit.as_deref();
    // The value as the page writes it, with its unit; what was typed stays as typed when it is
    // not a number.
    let typed_value = |raw: &str| match format::parse_quantity(raw.trim(), unit) {
        Ok(v) if !raw.trim().is_empty() => format::quantity(v, unit),
        _ => raw.trim().to_string(),
    };
    let measured = |i: &Input, value: String| {
        if i.not_measured() {
            t1(
                "followups-not-measured-with-reason",
                "reason",
                i.not_measured_reason.trim(),
            )
        } else {
            value
        }
    };
    use crate::kernel::forms::Row;
    let mut rows = vec![Row::new(
        t("followups-form-status"),
        yours.status_label(),
        saved.status_label(),
    )];
    if current.initiative_id.is_none() {
        rows.push(Row::new(
            t("followups-form-value"),
            measured(&yours, typed_value(&yours.value)),
            measured(
                &saved,
                current
                    .measured_value
                    .map(|v| format::quantity(v, unit))
                    .unwrap_or_default(),
            ),
        ));
    }
    rows.push(Row::new(
        t("followups-field-narrative"),
        yours.narrative.trim(),
        saved.narrative.trim(),
    ));
    rows.push(Row::new(
        t("followups-field-next-steps"),
        yours.next_steps.trim(),
        saved.next_steps.trim(),
    ));
    if current.initiative_id.is_some() {
        rows.push(Row::new(
            t("followups-field-learned"),
            yours.learned.trim(),
            saved.learned.trim(),
        ));
        let proposal = |i: &Input| {
            DecisionKind::parse(&i.proposal)
                .map(|p| p.label())
                .unwrap_or_default()
        };
        rows.push(Row::new(
            t("followups-form-proposal"),
            proposal(&yours),
            proposal(&saved),
        ));
    }
    rows.push(Row::new(
        t("followups-field-story"),
        yours.story.trim(),
        saved.story.trim(),
    ));
    let page = ConflictPage {
        chrome: Chrome::member(
            t(if by_self {
                "followups-conflict-title-self"
            } else {
                "followups-conflict-title"
            }),
            member,
        ),
        slug: member.tenant.slug.clone(),
        id: current.id,
        subject: current.subject.clone(),
        saved_by,
        by_self,
        rows,
    };
    Ok((StatusCode::CONFLICT, render(&page)).into_response())
}

/// "Carry last round's next steps into this draft": the form comes back with the text as typed
/// and last round's next steps added to this round's, for the writer to edit. Nothing is saved
/// until they press "Gem kladde" or "Indsend" (a plain button: it works without JavaScript).
async fn carry_next_steps(
    state: &AppState,
    member: &Member,
    f: FollowupRow,
    mut input: Input,
) -> AppResult<Response> {
    let previous = {
        let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
        let p = queries::previous(&mut tx, member.tenant.id, &f).await?;
        tx.commit().await?;
        p.and_then(|p| p.next_steps)
    };
    let notice = match previous {
        Some(steps) if input.next_steps.contains(steps.trim()) => {
            t("followups-notice-carried-already")
        }
        Some(steps) => {
            let typed = input.next_steps.trim_end();
            input.next_steps = if typed.is_empty() {
                steps
            } else {
                format!("{typed}\n\n{steps}")
            };
            t("followups-notice-carried")
        }
        None => t("followups-notice-carried-none"),
    };
    input.action = String::new();
    let mut page = build(state, member, f, Some(input)).await?;
    page.notice = Some(notice);
    Ok(render(&page))
}

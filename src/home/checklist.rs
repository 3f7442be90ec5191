//! "Kom i gang": the steps from nothing to a first follow-up round, and where the municipality
//! stands. Shown to those who can do the steps (who may edit the strategy: administrators and the
//! secretariat) on the municipality's front page and at the top of "Redigér strategi", until the
//! first round has been opened. One statement counts everything it needs.

use uuid::Uuid;

use crate::db::TenantTx;
use crate::kernel::access::{Capability, Member};

/// A link to where a step is done.
pub struct Link {
    pub href: String,
    pub label: String,
}

pub struct Step {
    pub number: usize,
    pub title: String,
    /// Where the step stands ("2 af 5 delmål har en ansvarlig"), or what it asks.
    pub detail: String,
    /// Where it is done; empty when the viewer's role cannot do it (then `who` says who can).
    pub links: Vec<Link>,
    pub who: Option<String>,
    pub done: bool,
    /// The first step not done: the one to take now.
    pub next: bool,
}

impl Step {
    pub fn css(&self) -> &'static str {
        if self.done {
            "getting-started__step getting-started__step--done"
        } else if self.next {
            "getting-started__step getting-started__step--next"
        } else {
            "getting-started__step"
        }
    }
}

pub struct Checklist {
    pub steps: Vec<Step>,
    pub done: usize,
}

impl Checklist {
    pub fn progress(&self) -> String {
        crate::t2(
            "home-checklist-progress",
            "done",
            self.done,
            "total",
            self.steps.len(),
        )
    }
}

/// What the checklist counts, in one statement.
struct Counts {
    focus_areas: i64,
    goals: i64,
    sub_goals: i64,
    owned_sub_goals: i64,
    org_units: i64,
    people: i64,
    rounds_planned: i64,
    rounds_started: i64,
}

/// The checklist for `member`, or `None` when they cannot do the steps or the first round has
/// been opened. `strategy` is the current strategy's id, which the calling page has already read.
pub async fn load(
    tx: &mut TenantTx,
    member: &Member,
    strategy: Option<Uuid>,
) -> sqlx::Result<Option<Checklist>> {
    if !member.can(Capability::EditStrategy) {
        return Ok(None);
    }
    let tenant = tx.tenant_id();
    let c = sqlx::query_as!(
        Counts,
        r#"SELECT
             (SELECT count(*) FROM focus_areas WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL) as "focus_areas!",
             (SELECT count(*) FROM goals WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL) as "goals!",
             (SELECT count(*) FROM sub_goals WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL) as "sub_goals!",
             (SELECT count(*) FROM sub_goals WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL
                AND owner_id IS NOT NULL) as "owned_sub_goals!",
             (SELECT count(*) FROM org_units WHERE tenant_id = $1 AND archived_at IS NULL) as "org_units!",
             (SELECT count(*) FROM memberships WHERE tenant_id = $1 AND (is_active OR pending)) as "people!",
             (SELECT count(*) FROM followup_rounds WHERE tenant_id = $1 AND state = 'planned') as "rounds_planned!",
             (SELECT count(*) FROM followup_rounds WHERE tenant_id = $1 AND state <> 'planned') as "rounds_started!""#,
        tenant,
        strategy
    )
    .fetch_one(&mut **tx)
    .await?;
    if c.rounds_started > 0 {
        return Ok(None);
    }
    Ok(Some(steps(
        member,
        strategy.is_some(),
        &c,
        &member.tenant.slug,
    )))
}

fn link(href: String, key: &str) -> Link {
    Link {
        href,
        label: crate::t(key),
    }
}

fn steps(member: &Member, has_strategy: bool, c: &Counts, slug: &str) -> Checklist {
    let admin = member.can(Capability::Administer);
    let rounds = member.can(Capability::RunRounds);
    // (title, done, detail, links); a step without links says who does it.
    let mut raw: Vec<(&str, bool, String, Vec<Link>)> = Vec::new();
    raw.push((
        "home-checklist-strategy",
        has_strategy,
        crate::t(if has_strategy {
            "home-checklist-strategy-done"
        } else {
            "home-checklist-strategy-todo"
        }),
        vec![link(
            format!("/t/{slug}/edit/strategy"),
            if has_strategy {
                "home-checklist-strategy-edit"
            } else {
                "home-checklist-strategy-link"
            },
        )],
    ));
    raw.push((
        "home-checklist-focus-areas",
        c.focus_areas > 0,
        if c.focus_areas > 0 {
            crate::t1("home-checklist-focus-areas-count", "count", c.focus_areas)
        } else {
            crate::t("home-checklist-focus-areas-todo")
        },
        vec![link(
            format!("/t/{slug}/edit/focus-areas/new"),
            "home-checklist-focus-areas-link",
        )],
    ));
    raw.push((
        "home-checklist-goals",
        c.goals > 0,
        if c.goals > 0 {
            crate::t1("home-checklist-goals-count", "count", c.goals)
        } else {
            crate::t("home-checklist-goals-todo")
        },
        vec![link(format!("/t/{slug}/edit"), "home-checklist-goals-link")],
    ));
    raw.push((
        "home-checklist-sub-goals",
        c.sub_goals > 0 && c.owned_sub_goals == c.sub_goals,
        if c.sub_goals > 0 {
            crate::t2(
                "home-checklist-sub-goals-count",
                "owned",
                c.owned_sub_goals,
                "count",
                c.sub_goals,
            )
        } else {
            crate::t("home-checklist-sub-goals-todo")
        },
        vec![link(
            format!("/t/{slug}/edit"),
            "home-checklist-sub-goals-link",
        )],
    ));
    raw.push((
        "home-checklist-people",
        // Someone besides the administrator who set the municipality up, and a unit to place
        // people and sub-goals in.
        c.org_units > 0 && c.people > 1,
        crate::t2(
            "home-checklist-people-count",
            "units",
            c.org_units,
            "people",
            c.people,
        ),
        if admin {
            vec![
                link(
                    format!("/t/{slug}/admin/org-units"),
                    "home-checklist-org-units-link",
                ),
                link(
                    format!("/t/{slug}/admin/users"),
                    "home-checklist-people-link",
                ),
            ]
        } else {
            Vec::new()
        },
    ));
    raw.push((
        "home-checklist-round",
        false,
        crate::t(if c.rounds_planned > 0 {
            "home-checklist-round-planned"
        } else {
            "home-checklist-round-todo"
        }),
        if rounds {
            vec![link(
                format!("/t/{slug}/rounds"),
                "home-checklist-round-link",
            )]
        } else {
            Vec::new()
        },
    ));
    let next = raw.iter().position(|(_, done, _, _)| !done);
    let done = raw.iter().filter(|(_, done, _, _)| *done).count();
    let steps = raw
        .into_iter()
        .enumerate()
        .map(|(i, (title, done, detail, links))| {
            let who = links.is_empty().then(|| {
                crate::t(if title == "home-checklist-people" {
                    "home-checklist-who-admin"
                } else {
                    "home-checklist-who-secretariat"
                })
            });
            Step {
                number: i + 1,
                title: crate::t(title),
                detail,
                links,
                who,
                done,
                next: next == Some(i),
            }
        })
        .collect();
    Checklist { steps, done }
}

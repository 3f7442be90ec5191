//! "Den gode historie": a feed of the stories owners marked for communication, from approved
//! follow-ups, filterable by focus area and round — for the communication team and employer branding.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::t1;
use crate::web::AppResult;
use crate::web::format::{Block, blocks};

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    focus_area: String,
    #[serde(default)]
    round: String,
}

pub struct Choice {
    pub id: Uuid,
    pub label: String,
}

pub struct StoryView {
    pub text: Vec<Block>,
    pub subject: String,
    pub focus_area: Option<String>,
    pub round: String,
    pub owner: Option<String>,
}

#[derive(Template)]
#[template(path = "followups/stories.html")]
struct StoriesPage {
    chrome: Chrome,
    slug: String,
    /// The strategy's word for a focus area ("Spor"), the filter's label.
    area_label: String,
    focus_areas: Vec<Choice>,
    rounds: Vec<Choice>,
    focus_area: String,
    round: String,
    stories: Vec<StoryView>,
}

struct Row {
    text: String,
    subject: String,
    focus_area: Option<String>,
    round: String,
    owner: Option<String>,
}

pub async fn feed(
    State(state): State<AppState>,
    member: Member,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    // An unknown or foreign id in the filter simply matches nothing.
    let focus_area = Uuid::parse_str(&filter.focus_area).ok();
    let round = Uuid::parse_str(&filter.round).ok();
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let focus_areas = sqlx::query_as!(
        Choice,
        r#"SELECT f.id, f.title as label FROM focus_areas f JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
           WHERE f.tenant_id = $1 AND s.status = 'active' AND f.archived_at IS NULL ORDER BY f.position"#,
        tenant
    )
    .fetch_all(&mut *tx)
    .await?;
    let rounds = sqlx::query_as!(
        Choice,
        r#"SELECT r.id, r.label FROM followup_rounds r JOIN strategies s ON s.tenant_id = r.tenant_id AND s.id = r.strategy_id
           WHERE r.tenant_id = $1 AND s.status = 'active' ORDER BY r.position DESC"#,
        tenant
    )
    .fetch_all(&mut *tx)
    .await?;
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT st.text, COALESCE(sg.text, i.title) as "subject!", COALESCE(fa.title, ifa.title) as "focus_area?",
                  r.label as round, u.display_name as "owner?"
           FROM stories st
           JOIN followups f ON f.tenant_id = st.tenant_id AND f.id = st.followup_id
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN sub_goals sg ON sg.tenant_id = f.tenant_id AND sg.id = f.sub_goal_id
           LEFT JOIN goals g ON g.tenant_id = sg.tenant_id AND g.id = sg.goal_id
           LEFT JOIN focus_areas fa ON fa.tenant_id = g.tenant_id AND fa.id = g.focus_area_id
           LEFT JOIN initiatives i ON i.tenant_id = f.tenant_id AND i.id = f.initiative_id
           LEFT JOIN focus_areas ifa ON ifa.tenant_id = i.tenant_id AND ifa.id = i.focus_area_id
           LEFT JOIN users u ON u.id = f.owner_id
           WHERE st.tenant_id = $1 AND st.shareable AND f.review_state = 'approved'
             AND ($2::uuid IS NULL OR COALESCE(fa.id, ifa.id) = $2)
             AND ($3::uuid IS NULL OR r.id = $3)
           ORDER BY r.position DESC, st.created_at DESC
           LIMIT 200"#,
        tenant,
        focus_area,
        round
    )
    .fetch_all(&mut *tx)
    .await?;
    let area_label = crate::kernel::strategy::current(&mut tx)
        .await?
        .map(|s| s.area_term())
        .unwrap_or_default()
        .label();
    tx.commit().await?;
    let page = StoriesPage {
        chrome: Chrome::member(
            t1("followups-stories-title", "tenant", &member.tenant.name),
            &member,
        ),
        slug: member.tenant.slug.clone(),
        area_label,
        focus_areas,
        rounds,
        focus_area: filter.focus_area,
        round: filter.round,
        stories: rows
            .into_iter()
            .map(|r| StoryView {
                text: blocks(&r.text),
                subject: r.subject,
                focus_area: r.focus_area,
                round: r.round,
                owner: r.owner,
            })
            .collect(),
    };
    Ok(render(&page))
}

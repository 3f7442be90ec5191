//! "Mine opfølgninger": what the signed-in owner must update in the open round.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::queries;
use super::rounds::review_css;
use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::domain::ReviewState;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::strategy::StatusView;
use crate::t1;
use crate::web::{AppResult, format};

pub struct MyItem {
    pub id: uuid::Uuid,
    pub subject: String,
    pub focus_area: Option<String>,
    pub is_initiative: bool,
    pub review: String,
    pub review_css: &'static str,
    pub status: StatusView,
    pub needs_work: bool,
}

#[derive(Template)]
#[template(path = "followups/my.html")]
struct MyPage {
    chrome: Chrome,
    slug: String,
    round: Option<(String, String)>,
    to_do: Vec<MyItem>,
    done: Vec<MyItem>,
}

pub async fn page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let rows = queries::list(&mut tx, tenant, None, Some(member.user_id().into())).await?;
    tx.commit().await?;
    let round = rows
        .first()
        .map(|r| (r.round_label.clone(), format::date_long(r.deadline)));
    let (done, to_do): (Vec<MyItem>, Vec<MyItem>) = rows
        .into_iter()
        .map(|r| {
            let (review, css) = review_css(r.review_state, r.touched);
            MyItem {
                id: r.id,
                subject: r.subject,
                focus_area: r.focus_area,
                is_initiative: r.is_initiative,
                review,
                review_css: css,
                status: r.status.into(),
                needs_work: matches!(r.review_state, ReviewState::Draft | ReviewState::Returned),
            }
        })
        .partition(|item| !item.needs_work);
    let page = MyPage {
        chrome: Chrome::member(
            t1("followups-my-title", "tenant", &member.tenant.name),
            &member,
        ),
        slug: member.tenant.slug.clone(),
        round,
        to_do,
        done,
    };
    Ok(render(&page))
}

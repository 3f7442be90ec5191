//! What every editing handler starts from: the strategy being edited, and where to go after.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::web::{AppError, AppResult};

pub struct EditedStrategy {
    pub id: Uuid,
    pub title: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// What the strategy calls a focus area ("Indsatsområde", "Spor"), if it says.
    pub focus_area_label: Option<String>,
}

impl EditedStrategy {
    /// The strategy's own word for a focus area, as a label ("Spor"): in Danish the strategy's
    /// word, otherwise (and when it has none) the interface's.
    pub fn focus_area_label(&self) -> String {
        match (crate::i18n::current(), &self.focus_area_label) {
            (crate::i18n::Lang::Da, Some(label)) => label.clone(),
            _ => crate::t("authoring-field-focus-area"),
        }
    }

    /// The same word inside a sentence ("Nyt spor"). Danish nouns are not capitalised there; the
    /// phrases assume a neuter word, as "område", "spor" and "tema" are.
    pub fn focus_area_term(&self) -> String {
        match (crate::i18n::current(), &self.focus_area_label) {
            (crate::i18n::Lang::Da, Some(label)) => label.to_lowercase(),
            _ => crate::t("authoring-focus-area-term"),
        }
    }
}

/// The strategy being edited: the current one (`kernel::strategy::current`).
pub async fn strategy(
    conn: &mut PgConnection,
    tenant: Uuid,
) -> sqlx::Result<Option<EditedStrategy>> {
    Ok(crate::kernel::strategy::current_on(conn, tenant)
        .await?
        .map(|s| EditedStrategy {
            id: s.id,
            title: s.title,
            period_start: s.period_start,
            period_end: s.period_end,
            focus_area_label: s.focus_area_label.filter(|l| !l.trim().is_empty()),
        }))
}

/// Like `strategy`, for pages that make no sense without one.
pub async fn require_strategy(conn: &mut PgConnection, tenant: Uuid) -> AppResult<EditedStrategy> {
    strategy(conn, tenant).await?.ok_or(AppError::NotFound)
}

/// The editing overview, scrolled to the item that was just changed. The anchor is also in the
/// query, because a script following the redirect does not see the fragment.
pub fn workspace(slug: &str, anchor: &str) -> String {
    if anchor.is_empty() {
        format!("/t/{slug}/edit")
    } else {
        format!("/t/{slug}/edit?at={anchor}#{anchor}")
    }
}

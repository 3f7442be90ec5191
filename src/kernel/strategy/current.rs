//! The one definition of "the current strategy" of a municipality.
//!
//! The rule: the active (adopted) strategy; if there is none, the newest draft; an archived
//! strategy never. Every page that shows "the strategy" (tree, dashboard, status pages, meeting
//! pack, initiatives, exports, API, rounds) asks `current`, so a municipality whose strategy is
//! still a draft sees that draft everywhere, with a notice where it matters that it is not adopted.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::StrategyStatus;

/// The current strategy's header: everything a page shows above the tree.
pub struct CurrentStrategy {
    pub id: Uuid,
    pub title: String,
    pub subtitle: Option<String>,
    pub introduction: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Active (adopted) or draft; never archived.
    pub status: StrategyStatus,
    pub focus_area_label: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub approved_by: Option<String>,
    pub decision_ref: Option<String>,
    pub followup_text: Option<String>,
}

impl CurrentStrategy {
    /// Adopted by the council: the strategy is active.
    pub fn is_adopted(&self) -> bool {
        self.status == StrategyStatus::Active
    }

    /// Still a draft: pages that steer by it say so.
    pub fn is_draft(&self) -> bool {
        !self.is_adopted()
    }
}

/// The tenant's current strategy: the active one, else the newest draft (archived never).
/// One statement.
pub async fn current(tx: &mut TenantTx) -> sqlx::Result<Option<CurrentStrategy>> {
    let tenant = tx.tenant_id();
    current_on(tx, tenant).await
}

/// `current` on a connection that is not a `TenantTx` (the editing context still passes one);
/// the transaction must be set to `tenant`.
pub async fn current_on(
    conn: &mut PgConnection,
    tenant: Uuid,
) -> sqlx::Result<Option<CurrentStrategy>> {
    sqlx::query_as!(
        CurrentStrategy,
        r#"SELECT id, title, subtitle, introduction, period_start, period_end,
                  status as "status: StrategyStatus", focus_area_label, approved_on, approved_by,
                  decision_ref, followup_text
           FROM strategies
           WHERE tenant_id = $1 AND status IN ('active', 'draft')
           ORDER BY (status = 'active') DESC, created_at DESC, id
           LIMIT 1"#,
        tenant
    )
    .fetch_optional(conn)
    .await
}

/// What a strategy calls its focus areas ("Spor", "Fokusområde", "Indsatsområde"), when it
/// says: the one source of the word on every page and download about the current strategy (the
/// tree, the status page, the dashboard, the meeting pack, the exports, the workbook). The
/// strategy's word is Danish; an English reader gets the interface's own word, as Danish plural
/// rules cannot be applied to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaTerm {
    own: Option<String>,
}

impl AreaTerm {
    pub fn new(label: Option<&str>) -> Self {
        AreaTerm {
            own: label
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        }
    }

    /// The strategy's own word, if it has one and the reader reads Danish.
    pub fn own(&self) -> Option<&str> {
        match crate::i18n::current() {
            crate::i18n::Lang::Da => self.own.as_deref(),
            crate::i18n::Lang::En => None,
        }
    }

    /// As a label or heading: "Spor".
    pub fn label(&self) -> String {
        self.own()
            .map(str::to_string)
            .unwrap_or_else(|| crate::t("strategy-focus-area"))
    }

    /// The plural, for headings: "Spor", "Fokusområder".
    pub fn plural(&self) -> String {
        self.own()
            .map(danish_plural)
            .unwrap_or_else(|| crate::t("strategy-focus-areas"))
    }

    /// Inside a sentence ("Status pr. spor"): Danish nouns are not capitalised there.
    pub fn term(&self) -> String {
        self.label().to_lowercase()
    }
}

impl CurrentStrategy {
    pub fn area_term(&self) -> AreaTerm {
        AreaTerm::new(self.focus_area_label.as_deref())
    }
}

/// "Fokusområde" → "Fokusområder", "Spor" → "Spor", "Tema" → "Temaer".
pub fn danish_plural(label: &str) -> String {
    if label.ends_with('e') {
        format!("{label}r")
    } else if label.ends_with('r') {
        label.to_string()
    } else {
        format!("{label}er")
    }
}

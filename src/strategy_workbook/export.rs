//! The current strategy as a workbook: the strategy's own fields, its focus areas, goals and
//! sub-goals (every field of their forms, each row with its id), and the people and org units
//! that owners and units are named from. Read through `kernel::strategy` like every other page.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use uuid::Uuid;

use super::columns::{STRATEGY_FIELDS, Sheet};
use crate::db::TenantTx;
use crate::domain::MemberRole;
use crate::kernel::strategy::{self, CurrentStrategy, Parts, Tree};

/// A member as the people sheet lists them, and as owners are named (by e-mail).
pub struct Person {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub title: Option<String>,
    pub org_unit: Option<String>,
    pub role: MemberRole,
    pub active: bool,
}

/// Every member of the municipality (also inactive ones, who may still own something).
pub async fn people(tx: &mut TenantTx) -> sqlx::Result<Vec<Person>> {
    sqlx::query_as!(
        Person,
        r#"SELECT u.id as user_id, u.email, u.display_name as name, m.title, o.name as "org_unit?",
                  m.role as "role: MemberRole", (m.is_active AND u.is_active AND NOT m.pending) as "active!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
           WHERE m.tenant_id = $1
           ORDER BY u.display_name, u.email"#,
        tx.tenant_id()
    )
    .fetch_all(&mut **tx)
    .await
}

/// Who is named on each focus area (director) and goal (owner): the tree carries their names,
/// the workbook their e-mail addresses, which identify a person.
pub async fn named_people(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<HashMap<Uuid, Uuid>> {
    let rows = sqlx::query!(
        r#"SELECT id as "id!", person as "person!" FROM (
               SELECT id, director_id as person FROM focus_areas
               WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL AND director_id IS NOT NULL
               UNION ALL
               SELECT id, owner_id FROM goals
               WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL AND owner_id IS NOT NULL
           ) named"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.person)).collect())
}

/// Everything the workbook shows.
pub struct Contents {
    pub strategy: CurrentStrategy,
    pub tree: Tree,
    pub people: Vec<Person>,
    pub named: HashMap<Uuid, Uuid>,
    pub org_units: Vec<crate::kernel::org_units::Unit>,
}

pub async fn load(tx: &mut TenantTx) -> sqlx::Result<Option<Contents>> {
    let Some(current) = strategy::current(tx).await? else {
        return Ok(None);
    };
    let tree = strategy::tree::load(tx, current.id, Parts::structure()).await?;
    let people = people(tx).await?;
    let named = named_people(tx, current.id).await?;
    let org_units = crate::kernel::org_units::active(tx).await?;
    Ok(Some(Contents {
        strategy: current,
        tree,
        people,
        named,
        org_units,
    }))
}

/// A cell to write.
enum Cell {
    Text(String),
    Number(f64),
    Date(chrono::NaiveDate),
}

fn text(s: impl Into<String>) -> Option<Cell> {
    let s = s.into();
    (!s.is_empty()).then_some(Cell::Text(s))
}

fn opt_text(s: &Option<String>) -> Option<Cell> {
    s.as_deref().and_then(text)
}

/// The goal as the sub-goals sheet names it: its short title, else its text.
pub fn goal_label(short_title: Option<&str>, text: &str) -> String {
    short_title
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(text)
        .to_string()
}

pub fn write(c: &Contents) -> Result<Vec<u8>, XlsxError> {
    let email: HashMap<Uuid, &str> = c
        .people
        .iter()
        .map(|p| (p.user_id, p.email.as_str()))
        .collect();
    let person = |id: Option<Uuid>| id.and_then(|id| email.get(&id)).and_then(|e| text(*e));
    let mut book = Workbook::new();
    let styles = Styles::new();

    let s = &c.strategy;
    let values: Vec<Option<Cell>> = STRATEGY_FIELDS
        .iter()
        .map(|(field, _)| match *field {
            "title" => text(s.title.clone()),
            "subtitle" => opt_text(&s.subtitle),
            "introduction" => opt_text(&s.introduction),
            "period_start" => Some(Cell::Date(s.period_start)),
            "period_end" => Some(Cell::Date(s.period_end)),
            "focus_area_label" => opt_text(&s.focus_area_label),
            "followup_text" => opt_text(&s.followup_text),
            _ => None,
        })
        .collect();
    let rows: Vec<Vec<Option<Cell>>> = STRATEGY_FIELDS
        .iter()
        .zip(values)
        .map(|((_, key), v)| vec![text(crate::t(key)), v])
        .collect();
    sheet(&mut book, &styles, Sheet::Strategy, rows)?;

    let areas = c
        .tree
        .focus_areas
        .iter()
        .map(|a| {
            vec![
                text(a.id.to_string()),
                text(a.title.clone()),
                opt_text(&a.challenges_text),
                opt_text(&a.ambition),
                text(a.coordination.label()),
                person(c.named.get(&a.id).copied()),
            ]
        })
        .collect();
    sheet(&mut book, &styles, Sheet::FocusAreas, areas)?;

    let goals = c
        .tree
        .focus_areas
        .iter()
        .flat_map(|a| a.goals.iter().map(move |g| (a, g)))
        .map(|(a, g)| {
            vec![
                text(g.id.to_string()),
                text(a.id.to_string()),
                text(a.title.clone()),
                opt_text(&g.short_title),
                text(g.text.clone()),
                person(c.named.get(&g.id).copied()),
            ]
        })
        .collect();
    sheet(&mut book, &styles, Sheet::Goals, goals)?;

    let subs = c
        .tree
        .goals()
        .flat_map(|g| g.sub_goals.iter().map(move |s| (g, s)))
        .map(|(g, s)| {
            vec![
                text(s.id.to_string()),
                text(g.id.to_string()),
                text(goal_label(g.short_title.as_deref(), &g.text)),
                text(s.text.clone()),
                opt_text(&s.indicator),
                opt_text(&s.unit),
                s.baseline_value.map(Cell::Number),
                s.baseline_date.map(Cell::Date),
                s.target_value.map(Cell::Number),
                s.direction.map(|d| Cell::Text(d.label())),
                s.deadline.map(Cell::Date),
                person(s.owner_id),
                opt_text(&s.org_unit),
            ]
        })
        .collect();
    sheet(&mut book, &styles, Sheet::SubGoals, subs)?;

    let people = c
        .people
        .iter()
        .filter(|p| p.active)
        .map(|p| {
            vec![
                text(p.email.clone()),
                text(p.name.clone()),
                opt_text(&p.title),
                opt_text(&p.org_unit),
                text(p.role.label()),
            ]
        })
        .collect();
    sheet(&mut book, &styles, Sheet::People, people)?;

    let unit_name: HashMap<Uuid, &str> = c
        .org_units
        .iter()
        .map(|u| (u.id, u.name.as_str()))
        .collect();
    let units = c
        .org_units
        .iter()
        .map(|u| {
            vec![
                text(u.name.clone()),
                u.parent_id
                    .and_then(|p| unit_name.get(&p))
                    .and_then(|n| text(*n)),
            ]
        })
        .collect();
    sheet(&mut book, &styles, Sheet::OrgUnits, units)?;
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    /// The sheets that are not read back: grey, so nobody edits them expecting a change.
    reference: Format,
}

impl Styles {
    fn new() -> Self {
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // "General" keeps every decimal the value has, so the round trip is exact; Excel
            // shows it with the reader's own decimal mark.
            number: Format::new().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("dd-mm-yyyy")
                .set_align(FormatAlign::Top),
            reference: Format::new()
                .set_font_color(rust_xlsxwriter::Color::RGB(0x505050))
                .set_align(FormatAlign::Top),
        }
    }
}

fn sheet(
    book: &mut Workbook,
    styles: &Styles,
    kind: Sheet,
    rows: Vec<Vec<Option<Cell>>>,
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(kind.name())?;
    for (i, c) in kind.columns().iter().enumerate() {
        ws.write_string_with_format(0, i as u16, crate::t(c.key), &styles.header)?;
        ws.set_column_width(i as u16, c.width)?;
    }
    let text_format = if kind.imported() {
        &styles.text
    } else {
        &styles.reference
    };
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Some(Cell::Text(s)) => {
                    ws.write_string_with_format(r, col, s, text_format)?;
                }
                Some(Cell::Number(n)) => {
                    ws.write_number_with_format(r, col, *n, &styles.number)?;
                }
                Some(Cell::Date(d)) => {
                    ws.write_date_with_format(r, col, d, &styles.date)?;
                }
                None => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

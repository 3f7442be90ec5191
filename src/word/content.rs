//! What the two Word documents say, in the request's language: the meeting pack of a round
//! (from `meeting_pack::pack::Pack`, the same view model as its page and PDF) and an approved
//! strategy version (from `revisions::Approved`, as its page shows it).

use super::chart;
use super::doc::Doc;
use crate::meeting_pack::pack::{Pack, SubGoalEntry};
use crate::revisions::Approved;
use crate::t;
use crate::web::format;

/// The chart's width on the page, in centimetres (the text column is 17 cm).
const CHART_CM: f64 = 16.0;

fn sub_goal_cells(s: &SubGoalEntry) -> Vec<Vec<String>> {
    let mut first = vec![s.text.clone()];
    if s.changed {
        let mut changed = t("meeting-pack-changed-since-last");
        if let Some(b) = &s.before {
            changed = format!(
                "{changed} ({})",
                crate::t1("meeting-pack-before", "status", b.text())
            );
        }
        first.push(changed);
    }
    if let Some(n) = &s.narrative {
        first.push(n.clone());
    }
    let or_dash = |v: &Option<String>| vec![v.clone().unwrap_or_else(|| "–".to_string())];
    vec![
        first,
        vec![s.status.text()],
        or_dash(&s.value),
        or_dash(&s.target),
        or_dash(&s.deadline),
        or_dash(&s.owner),
    ]
}

/// The meeting pack as a Word document: front page, summary with its table and chart, a chapter
/// per focus area with its sub-goals in a table, the decisions to take and the stories.
pub fn pack(pack: &Pack, lang: crate::i18n::Lang) -> anyhow::Result<Vec<u8>> {
    let title = format!("{} – {} – {}", pack.strategy, pack.round, pack.tenant);
    let running = crate::t2(
        "word-pack-running",
        "tenant",
        &pack.tenant,
        "round",
        &pack.round,
    );
    let mut doc = Doc::new(&title, &running, lang);

    // Front page.
    doc.subtitle(&t("meeting-pack-eyebrow"));
    doc.title(&pack.strategy);
    if pack.draft {
        doc.paragraph(&t("strategy-draft-notice"));
    }
    doc.subtitle(&crate::t1("meeting-pack-round", "round", &pack.round));
    doc.paragraph(&pack.tenant);
    doc.meta(&crate::t2(
        "meeting-pack-period",
        "date",
        &pack.period_end,
        "made",
        &pack.made_on,
    ));
    doc.heading(2, &t("meeting-pack-contents"), false);
    let mut contents = vec![t("meeting-pack-summary")];
    contents.extend(pack.area_pages.iter().map(|a| a.title.clone()));
    contents.push(t("meeting-pack-decisions"));
    contents.push(t("meeting-pack-stories"));
    doc.bullets(&contents);

    // Summary.
    doc.heading(1, &t("meeting-pack-summary"), true);
    let state = if pack.round_open {
        t("meeting-pack-round-open")
    } else {
        t("meeting-pack-round-closed")
    };
    doc.paragraph(&format!("{state} {}", pack.completion_text()));
    let mut header = vec![pack.area_label.clone()];
    header.extend(pack.buckets.iter().map(|b| b.text()));
    header.push(t("meeting-pack-total"));
    let mut widths = vec![22];
    widths.extend(pack.buckets.iter().map(|_| 12));
    widths.push(6);
    let mut rows: Vec<Vec<Vec<String>>> = pack
        .areas
        .iter()
        .map(|a| {
            let mut row = vec![vec![a.title.clone()]];
            row.extend(a.counts.iter().map(|n| vec![n.to_string()]));
            row.push(vec![a.total.to_string()]);
            row
        })
        .collect();
    let mut total = vec![vec![t("meeting-pack-whole-strategy")]];
    total.extend(pack.totals.iter().map(|n| vec![n.to_string()]));
    total.push(vec![pack.sub_goal_count.to_string()]);
    rows.push(total);
    doc.table(&header, &widths, &rows, true);
    if let Some(bars) = &pack.chart {
        doc.picture(chart::bars(bars)?, CHART_CM, &bars.title);
    }
    doc.heading(2, &pack.turned_red_heading(), false);
    if pack.turned_red.is_empty() {
        doc.meta(&t("meeting-pack-none"));
    }
    let turned_red: Vec<String> = pack
        .turned_red
        .iter()
        .map(|s| match &s.owner {
            Some(o) => format!("{} ({o})", s.text),
            None => s.text.clone(),
        })
        .collect();
    doc.bullets(&turned_red);
    doc.heading(2, &t("meeting-pack-overdue"), false);
    if pack.overdue.is_empty() {
        doc.meta(&t("meeting-pack-none"));
    }
    let overdue: Vec<String> = pack
        .overdue
        .iter()
        .map(|s| match &s.deadline {
            Some(d) => format!(
                "{} ({}; {})",
                s.text,
                crate::t1("meeting-pack-deadline", "date", d),
                s.status.text()
            ),
            None => format!("{} ({})", s.text, s.status.text()),
        })
        .collect();
    doc.bullets(&overdue);

    // A chapter per focus area.
    let sub_goal_header = [
        t("word-col-sub-goal"),
        t("word-col-status"),
        t("word-col-measured"),
        t("word-col-target"),
        t("word-col-deadline"),
        t("word-col-owner"),
    ];
    for area in &pack.area_pages {
        doc.heading(1, &area.title, true);
        let mut meta = vec![crate::t2(
            "meeting-pack-focus-area-number",
            "label",
            &pack.area_label,
            "number",
            area.number,
        )];
        if let Some(d) = &area.director {
            meta.push(crate::t1("meeting-pack-director", "name", d));
        }
        doc.meta(&meta.join(" · "));
        let counts: Vec<String> = area
            .counts
            .iter()
            .map(|c| format!("{}: {}", c.status.text(), c.count))
            .collect();
        if !counts.is_empty() {
            doc.paragraph(&counts.join(" · "));
        }
        if !area.sub_goals.is_empty() {
            let rows: Vec<_> = area.sub_goals.iter().map(sub_goal_cells).collect();
            doc.table(&sub_goal_header, &[33, 16, 11, 11, 13, 16], &rows, false);
        }
    }

    // Decisions.
    doc.heading(1, &t("meeting-pack-decisions"), true);
    if pack.decisions.is_empty() {
        doc.meta(&t("meeting-pack-no-decisions"));
    }
    for d in &pack.decisions {
        let mut about = vec![d.kind()];
        if let Some(a) = &d.area {
            about.push(a.clone());
        }
        let mut facts = vec![about.join(", "), d.status.text()];
        if let Some(o) = &d.owner {
            facts.push(o.clone());
        }
        doc.bullets(&[format!(
            "{}: {} ({})",
            d.proposal,
            d.subject,
            facts.join("; ")
        )]);
        if let Some(l) = &d.learned {
            doc.meta(&crate::t1("meeting-pack-learned", "text", l));
        }
    }

    // Stories.
    doc.heading(1, &t("meeting-pack-stories"), true);
    if pack.stories.is_empty() {
        doc.meta(&t("meeting-pack-no-stories"));
    }
    for s in &pack.stories {
        doc.paragraph(&crate::t1("meeting-pack-quote", "text", &s.text));
        let mut meta = vec![s.subject.clone()];
        meta.extend(s.area.clone());
        meta.push(s.round.clone());
        meta.extend(s.owner.clone());
        doc.meta(&meta.join(" · "));
    }
    doc.finish()
}

/// An approved version as a Word document: title, approval, period and introduction, then a
/// chapter per focus area with its challenges, ambition and goals, each goal's sub-goals with
/// their SMART fields in a table.
pub fn version(
    tenant: &str,
    version: &Approved,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Vec<u8>> {
    let s = &version.content;
    let version_n = crate::t1("revisions-version-n", "number", version.number);
    let title = format!("{} – {version_n} – {tenant}", s.title);
    let running = crate::t3(
        "word-version-running",
        "tenant",
        tenant,
        "strategy",
        &s.title,
        "number",
        version.number,
    );
    let mut doc = Doc::new(&title, &running, lang);
    doc.subtitle(tenant);
    doc.title(&s.title);
    if let Some(sub) = &s.subtitle {
        doc.subtitle(sub);
    }
    let mut approval = crate::t3(
        "revisions-version-approved",
        "number",
        version.number,
        "date",
        format::date_long(version.approved_on),
        "by",
        &version.approved_by,
    );
    if let Some(d) = &version.decision_ref {
        approval = format!("{approval} · {d}");
    }
    doc.meta(&approval);
    doc.meta(&format!(
        "{} – {}",
        format::date_long(s.period_start),
        format::date_long(s.period_end)
    ));
    if version.number < version.latest {
        doc.paragraph(&format!(
            "{} {}",
            t("revisions-not-latest"),
            crate::t1("word-latest-version", "number", version.latest)
        ));
    }
    if let Some(intro) = &s.introduction {
        doc.blocks(intro);
    }
    let header = [
        t("word-col-sub-goal"),
        t("word-col-baseline"),
        t("word-col-target"),
        t("word-col-deadline"),
        t("word-col-owner"),
    ];
    for (i, area) in s.focus_areas.iter().enumerate() {
        doc.heading(1, &area.title, i > 0 || s.introduction.is_some());
        let mut meta = vec![area.coordination.label()];
        if let Some(d) = &area.director {
            meta.push(crate::t1("authoring-director-named", "name", d));
        }
        doc.meta(&meta.join(" · "));
        if let Some(text) = &area.challenges_text {
            doc.heading(2, &t("authoring-field-challenges-text"), false);
            doc.blocks(text);
        }
        if let Some(text) = &area.ambition {
            doc.heading(2, &t("authoring-field-ambition"), false);
            doc.blocks(text);
        }
        if area.goals.is_empty() {
            continue;
        }
        doc.heading(2, &t("word-goals-heading"), false);
        for goal in &area.goals {
            doc.heading(3, &goal.text, false);
            if let Some(o) = &goal.owner {
                doc.meta(&crate::t1("authoring-owner-named", "name", o));
            }
            if goal.sub_goals.is_empty() {
                continue;
            }
            let rows: Vec<Vec<Vec<String>>> = goal
                .sub_goals
                .iter()
                .map(|sub| {
                    let quantity = |v: Option<f64>| {
                        v.map(|v| format::quantity(v, sub.unit.as_deref()))
                            .unwrap_or_default()
                    };
                    let mut baseline = vec![quantity(sub.baseline_value)];
                    if let Some(d) = sub.baseline_date {
                        baseline.push(format::date_long(d));
                    }
                    let owner = [sub.owner.clone(), sub.org_unit.clone()]
                        .into_iter()
                        .flatten()
                        .collect();
                    // The indicator as a note under the sub-goal: five columns fit a page.
                    let mut text = vec![sub.text.clone()];
                    text.extend(
                        sub.indicator
                            .as_deref()
                            .map(|i| crate::t1("word-indicator", "text", i)),
                    );
                    vec![
                        text,
                        baseline,
                        vec![quantity(sub.target_value)],
                        sub.deadline.map(format::date_long).into_iter().collect(),
                        owner,
                    ]
                })
                .collect();
            doc.table(&header, &[40, 15, 13, 15, 17], &rows, false);
        }
    }
    doc.finish()
}

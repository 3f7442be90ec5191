//! From a document's blocks to a proposed strategy.
//!
//! - **Title**: the Title-style paragraph (`Heading(0)`), else the first heading.
//! - **Period**: a year range ("2024-2030", "2024-25") or "frem mod 2030" in the title, else in
//!   the blocks before the first focus area; for "frem mod 2030" the first year is the year of
//!   the first date before the focus areas ("Godkendt den 27. maj 2024").
//! - **Focus areas**: the headings whose sections hold the parts of a focus area (a
//!   "Udfordringer", "Det vil vi opnå", "Formål" or "Mål" heading, or a "Vi vil …:" list), or that
//!   carry a label ("Spor 1"); the level most such headings share wins, and every heading of
//!   that level from the first to the last of them is a focus area (front matter never). With no
//!   such marks, the top-level headings (below a lone title heading) are taken.
//! - In a focus area: text before its first part is its challenges when the area has the other
//!   parts (Haderslev writes them so); "Udfordringer" → challenges; "Det vil vi opnå"/"Formål" →
//!   ambition (with a list in it); a list after "Vi vil frem mod 2030:", or directly under the
//!   focus area → goals, its nested items → sub-goals; under "Mål", each sub-heading is a goal, and each sentence of its
//!   text with a deadline or a target is a sub-goal (a "Mål" without sub-headings: each
//!   paragraph is a goal).

use super::grammar::sections::{self, Section};
use super::grammar::{dates, sentences::sentences};
use super::proposal::{
    Block, BlockKind, Document, Found, Note, Proposal, ProposedFocusArea, ProposedGoal, Source,
};
use super::smart;

fn level(block: &Block) -> Option<u8> {
    match block.kind {
        BlockKind::Heading(level) => Some(level),
        _ => None,
    }
}

fn whole(blocks: &[Block], i: usize) -> Found<String> {
    Found {
        value: blocks[i].text.clone(),
        source: Source {
            block: i,
            start: 0,
            end: blocks[i].text.len(),
        },
    }
}

fn note(key: &str, args: &[(&str, &str)]) -> Note {
    Note {
        key: key.to_string(),
        args: args
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// Where the section of heading `i` ends: at the next heading of its level or above that is not
/// a section word (a «Det vil vi opnå» set one level too high stays inside its focus area).
fn section_end(blocks: &[Block], i: usize) -> usize {
    let Some(own) = level(&blocks[i]) else {
        return i + 1;
    };
    (i + 1..blocks.len())
        .find(|&j| {
            level(&blocks[j]).is_some_and(|l| l <= own)
                && sections::section(&blocks[j].text).is_none()
        })
        .unwrap_or(blocks.len())
}

/// A paragraph that is only a label ("SPOR 1").
fn is_bare_label(block: &Block) -> bool {
    matches!(sections::label(&block.text), Some((_, None)))
}

/// Headings that can be focus areas: not the title, not a section word, not front matter.
fn candidate(blocks: &[Block], i: usize) -> bool {
    level(&blocks[i]).is_some_and(|l| l >= 1)
        && sections::section(&blocks[i].text).is_none()
        && !sections::is_front_matter(&blocks[i].text)
}

/// The heading whose section block `i` is in (the nearest candidate above with a lower level).
fn owner(blocks: &[Block], i: usize) -> Option<usize> {
    let below = level(&blocks[i]).unwrap_or(u8::MAX);
    (0..i)
        .rev()
        .find(|&j| candidate(blocks, j) && level(&blocks[j]).is_some_and(|l| l < below))
}

fn focus_headings(blocks: &[Block]) -> Vec<usize> {
    let mut marked = vec![false; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        let marks_owner = match block.kind {
            BlockKind::Heading(_) => sections::section(&block.text).is_some(),
            BlockKind::Paragraph => {
                sections::is_goal_lead_in(&block.text)
                    && blocks
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.kind, BlockKind::ListItem(_)))
            }
            BlockKind::ListItem(_) => false,
        };
        if marks_owner && let Some(j) = owner(blocks, i) {
            marked[j] = true;
        }
        if candidate(blocks, i)
            && (sections::label(&block.text).is_some() || (i > 0 && is_bare_label(&blocks[i - 1])))
        {
            marked[i] = true;
        }
    }
    let mut per_level = [0usize; 10];
    for (i, block) in blocks.iter().enumerate() {
        if let (true, Some(l)) = (marked[i], level(block)) {
            per_level[usize::from(l.min(9))] += 1;
        }
    }
    let best = (1..10)
        .max_by_key(|&l| (per_level[l], usize::MAX - l))
        .unwrap_or(1);
    if per_level[best] > 0 {
        let at_level = |i: &usize| level(&blocks[*i]) == Some(best as u8) && candidate(blocks, *i);
        let marked_at: Vec<usize> = (0..blocks.len())
            .filter(|i| marked[*i] && at_level(i))
            .collect();
        let (first, last) = (marked_at[0], marked_at[marked_at.len() - 1]);
        return (first..=last).filter(|i| at_level(i)).collect();
    }
    // No marks: the top-level headings, below a lone heading at the top that acts as the title.
    let candidates: Vec<usize> = (0..blocks.len())
        .filter(|&i| candidate(blocks, i))
        .collect();
    let mut levels: Vec<u8> = candidates
        .iter()
        .filter_map(|&i| level(&blocks[i]))
        .collect();
    levels.sort_unstable();
    levels.dedup();
    for l in levels.iter().copied() {
        let at: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| level(&blocks[i]) == Some(l))
            .collect();
        if at.len() > 1 || levels.last() == Some(&l) {
            return at;
        }
    }
    Vec::new()
}

fn find_title(blocks: &[Block]) -> Option<Found<String>> {
    let i = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading(0))
        .or_else(|| blocks.iter().position(|b| level(b).is_some()))?;
    Some(titled(blocks, i))
}

/// A heading's text without a label before it ("Spor 1: Fælles ansvar …" → "Fælles ansvar …").
fn titled(blocks: &[Block], i: usize) -> Found<String> {
    let text = &blocks[i].text;
    match sections::label(text) {
        Some((_, Some(at))) => Found {
            value: text[at..].to_string(),
            source: Source {
                block: i,
                start: at,
                end: text.len(),
            },
        },
        _ => whole(blocks, i),
    }
}

fn find_period(blocks: &[Block], title: Option<usize>, before: usize) -> Option<Found<(i32, i32)>> {
    let order = title
        .into_iter()
        .chain((0..before.min(blocks.len())).filter(|i| Some(*i) != title));
    for i in order {
        let Some(((start, end), span)) = dates::find_period(&blocks[i].text) else {
            continue;
        };
        let start = start.unwrap_or_else(|| first_year(blocks, before, end).unwrap_or(end));
        return Some(Found {
            value: (start, end),
            source: Source {
                block: i,
                start: span.start,
                end: span.end,
            },
        });
    }
    None
}

/// The year of the first date before the focus areas ("Godkendt den 27. maj 2024").
fn first_year(blocks: &[Block], before: usize, end: i32) -> Option<i32> {
    use chrono::Datelike;
    blocks[..before.min(blocks.len())].iter().find_map(|b| {
        dates::scan(&b.text, None)
            .all
            .iter()
            .map(|d| d.date.year())
            .find(|y| *y <= end && *y > end - 20)
    })
}

fn find_label(blocks: &[Block], focus: &[usize]) -> Option<String> {
    let &first = focus.first()?;
    if let Some((name, _)) = sections::label(&blocks[first].text) {
        return Some(name.to_string());
    }
    if first > 0 && is_bare_label(&blocks[first - 1]) {
        return sections::label(&blocks[first - 1].text).map(|(name, _)| name.to_string());
    }
    if let Some(parent) = owner(blocks, first)
        && let Some(name) = sections::label_in(&blocks[parent].text)
    {
        return Some(name.to_string());
    }
    // The nearest mention before the focus areas ("De strategiske indsatsområder er:").
    blocks[..first]
        .iter()
        .rev()
        .find_map(|b| sections::label_in(&b.text))
        .map(str::to_string)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Intro,
    Challenges,
    Ambition,
    Goals,
    GoalList,
    Other,
}

/// Joined texts of blocks, the first block as the source.
fn joined(blocks: &[Block], indices: &[usize]) -> Option<Found<String>> {
    let &first = indices.first()?;
    let text = indices
        .iter()
        .map(|&i| blocks[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(Found {
        value: text,
        source: whole(blocks, first).source,
    })
}

struct Area<'a> {
    blocks: &'a [Block],
    period_end: Option<i32>,
    notes: &'a mut Vec<Note>,
    goals: Vec<ProposedGoal>,
    /// The current goal came from a heading under "Mål" (its text's sentences are sub-goals).
    heading_goal: bool,
}

impl Area<'_> {
    /// The sub-goals among a block's sentences (a list item: the whole item).
    fn sub_goals_of(
        &mut self,
        i: usize,
        whole_block: bool,
    ) -> Vec<super::proposal::ProposedSubGoal> {
        let blocks = self.blocks;
        let text = &blocks[i].text;
        let ranges = if whole_block {
            std::iter::once(0..text.len()).collect()
        } else {
            sentences(text)
        };
        let mut out = Vec::new();
        for range in ranges {
            if !whole_block && !smart::is_sub_goal(&text[range.clone()], self.period_end) {
                continue;
            }
            let reading = smart::read(i, text, range, self.period_end);
            for phrase in reading.impossible {
                self.notes.push(note(
                    "document-reader-note-impossible-date",
                    &[("phrase", &phrase)],
                ));
            }
            out.push(reading.sub_goal);
        }
        out
    }

    fn goal(&mut self, i: usize, heading_goal: bool) {
        self.goals.push(ProposedGoal {
            text: whole(self.blocks, i),
            sub_goals: Vec::new(),
        });
        self.heading_goal = heading_goal;
    }

    fn add_sub_goals(&mut self, i: usize, whole_block: bool) {
        let found = self.sub_goals_of(i, whole_block);
        if let Some(goal) = self.goals.last_mut() {
            goal.sub_goals.extend(found);
        }
    }
}

fn read_area(
    blocks: &[Block],
    heading: usize,
    end: usize,
    period_end: Option<i32>,
    notes: &mut Vec<Note>,
) -> ProposedFocusArea {
    let mut part = Part::Intro;
    let (mut intro, mut challenges, mut ambition) = (Vec::new(), Vec::new(), Vec::new());
    let mut structured = false;
    let mut area = Area {
        blocks,
        period_end,
        notes,
        goals: Vec::new(),
        heading_goal: false,
    };
    for i in heading + 1..end {
        let block = &blocks[i];
        if is_bare_label(block) {
            continue;
        }
        let section = match block.kind {
            BlockKind::ListItem(_) => None,
            _ => sections::section(&block.text),
        };
        if let Some(section) = section {
            structured = true;
            area.heading_goal = false;
            part = match section {
                Section::Challenges => Part::Challenges,
                Section::Ambition => Part::Ambition,
                Section::Goals => Part::Goals,
            };
            continue;
        }
        match block.kind {
            BlockKind::Heading(_) => {
                if part == Part::Goals {
                    area.goal(i, true);
                } else {
                    part = Part::Other;
                    area.heading_goal = false;
                }
            }
            BlockKind::Paragraph => {
                if sections::is_goal_lead_in(&block.text)
                    && blocks
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.kind, BlockKind::ListItem(_)))
                {
                    structured = true;
                    part = Part::GoalList;
                    area.heading_goal = false;
                    continue;
                }
                match part {
                    Part::Intro => intro.push(i),
                    Part::Challenges => challenges.push(i),
                    Part::Ambition => ambition.push(i),
                    Part::Goals if area.heading_goal => area.add_sub_goals(i, false),
                    Part::Goals => {
                        area.goal(i, false);
                        area.add_sub_goals(i, false);
                    }
                    Part::GoalList | Part::Other => {}
                }
            }
            BlockKind::ListItem(item_level) => {
                if part == Part::Challenges {
                    challenges.push(i);
                } else if part == Part::Ambition {
                    // A list in the ambition ("Formålet er at: …") is part of its text; goals
                    // come after a lead-in ("Vi vil frem mod 2030:") or under "Mål".
                    ambition.push(i);
                } else if area.heading_goal || (item_level > 0 && !area.goals.is_empty()) {
                    area.add_sub_goals(i, true);
                } else {
                    area.goal(i, false);
                    if part != Part::Goals {
                        part = Part::GoalList;
                    }
                }
            }
        }
    }
    if challenges.is_empty() && structured {
        challenges = intro;
    }
    ProposedFocusArea {
        title: titled(blocks, heading),
        challenges_text: joined(blocks, &challenges),
        ambition: joined(blocks, &ambition),
        goals: area.goals,
    }
}

impl Note {
    /// The note in the request's language.
    pub fn message(&self) -> String {
        let arg = |name: &str| {
            self.args
                .iter()
                .find(|(k, _)| k == name)
                .map_or("", |(_, v)| v.as_str())
                .to_string()
        };
        match self.key.as_str() {
            "document-reader-note-impossible-date" => crate::t1(
                "document-reader-note-impossible-date",
                "phrase",
                arg("phrase"),
            ),
            "document-reader-note-no-focus-areas" => {
                crate::t("document-reader-note-no-focus-areas")
            }
            "document-reader-note-no-period" => crate::t("document-reader-note-no-period"),
            "document-reader-note-no-headings" => crate::t("document-reader-note-no-headings"),
            other => crate::t(other),
        }
    }
}

/// Proposes a strategy from a document's blocks.
pub fn propose(document: &Document) -> Proposal {
    let blocks = &document.blocks;
    let mut notes = Vec::new();
    if !blocks.iter().any(|b| level(b).is_some()) {
        notes.push(note("document-reader-note-no-headings", &[]));
    }
    let title = find_title(blocks);
    let focus = focus_headings(blocks);
    let first_focus = focus.first().copied().unwrap_or(blocks.len());
    let period = find_period(blocks, title.as_ref().map(|t| t.source.block), first_focus);
    let period_end = period.as_ref().map(|p| p.value.1);
    let mut focus_areas = Vec::new();
    for (k, &h) in focus.iter().enumerate() {
        let end = section_end(blocks, h).min(focus.get(k + 1).copied().unwrap_or(blocks.len()));
        focus_areas.push(read_area(blocks, h, end, period_end, &mut notes));
    }
    if focus_areas.is_empty() && !blocks.is_empty() {
        notes.push(note("document-reader-note-no-focus-areas", &[]));
    }
    if period.is_none() && !blocks.is_empty() {
        notes.push(note("document-reader-note-no-period", &[]));
    }
    Proposal {
        title,
        period,
        focus_area_label: find_label(blocks, &focus),
        focus_areas,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(blocks: &[(BlockKind, &str)]) -> Document {
        Document {
            blocks: blocks
                .iter()
                .map(|(kind, text)| Block {
                    kind: *kind,
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    use BlockKind::{Heading as H, ListItem as L, Paragraph as P};

    #[test]
    fn a_soenderborg_shaped_document() {
        let d = doc(&[
            (H(0), "Sønderborg 2030"),
            (P, "Godkendt den 27. maj 2024"),
            (H(1), "Indholdsfortegnelse"),
            (H(1), "Udgangspunktet for Sønderborg 2030"),
            (P, "Strategiske indsatsområder:"),
            (L(0), "Vi indgår i partnerskaber"),
            (H(1), "Strategiske indsatsområder frem mod 2030"),
            (H(2), "Vi sikrer råderum"),
            (H(3), "Udfordringer"),
            (P, "Det bliver svært."),
            (H(3), "Det vil vi opnå"),
            (P, "Vi skal sikre råderum."),
            (P, "Vi vil frem mod 2030:"),
            (L(0), "Prioritere en skarp økonomistyring."),
            (L(0), "Afprøve agile metoder."),
            (H(2), "Vi indgår partnerskaber"),
            (H(3), "Udfordringer"),
            (P, "Mange nye dagsordner."),
            (P, "Vi vil frem mod 2030:"),
            (L(0), "Styrke fundraising."),
            (H(1), "Hvordan arbejder vi med Sønderborg 2030?"),
            (H(2), "Organisering af arbejdet"),
            (L(0), "Direktionen"),
        ]);
        let p = propose(&d);
        assert_eq!(p.title.map(|t| t.value).as_deref(), Some("Sønderborg 2030"));
        assert_eq!(p.period.map(|p| p.value), Some((2024, 2030)));
        assert_eq!(p.focus_area_label.as_deref(), Some("Indsatsområde"));
        let titles: Vec<&str> = p
            .focus_areas
            .iter()
            .map(|a| a.title.value.as_str())
            .collect();
        assert_eq!(titles, ["Vi sikrer råderum", "Vi indgår partnerskaber"]);
        let first = &p.focus_areas[0];
        assert_eq!(
            first.challenges_text.as_ref().map(|c| c.value.as_str()),
            Some("Det bliver svært.")
        );
        assert_eq!(
            first.ambition.as_ref().map(|c| c.value.as_str()),
            Some("Vi skal sikre råderum.")
        );
        let goals: Vec<&str> = first.goals.iter().map(|g| g.text.value.as_str()).collect();
        assert_eq!(
            goals,
            [
                "Prioritere en skarp økonomistyring.",
                "Afprøve agile metoder."
            ]
        );
        assert_eq!(first.goals[0].text.source.block, 13);
        assert_eq!(p.focus_areas[1].goals.len(), 1);
    }

    #[test]
    fn a_haderslev_shaped_document() {
        let d = doc(&[
            (H(0), "Fælles fremtid – fælles ansvar"),
            (P, "Den fælles ledelses strategi 2013-2015"),
            (H(1), "Lokal erhvervsudvikling"),
            (P, "Antallet af arbejdspladser er faldet."),
            (H(2), "Formål"),
            (P, "Vi skal fokusere på omverdenen."),
            (H(2), "Mål"),
            (H(3), "Virksomhedskontakt"),
            (
                P,
                "Vi vil understøtte erhvervet. Minimum 10 af virksomhederne har brugt ordningen inden 5. oktober 2015. Inden for strategiens tidsramme skal minimum 5 henvendelser have ført til myndighedsbehandlinger.",
            ),
            (H(3), "Etablering af nye uddannelser"),
            (P, "Inden 31. februar 2013 etablerer vi et samarbejde."),
            (H(1), "Det konkrete arbejde frem til udgangen af 2015"),
            (P, "Evaluering af forløbet ultimo 2015."),
        ]);
        let p = propose(&d);
        assert_eq!(p.period.as_ref().map(|p| p.value), Some((2013, 2015)));
        assert_eq!(p.focus_areas.len(), 1);
        let area = &p.focus_areas[0];
        assert_eq!(
            area.challenges_text.as_ref().map(|c| c.value.as_str()),
            Some("Antallet af arbejdspladser er faldet.")
        );
        assert_eq!(
            area.ambition.as_ref().map(|c| c.value.as_str()),
            Some("Vi skal fokusere på omverdenen.")
        );
        let goals: Vec<&str> = area.goals.iter().map(|g| g.text.value.as_str()).collect();
        assert_eq!(
            goals,
            ["Virksomhedskontakt", "Etablering af nye uddannelser"]
        );
        let subs = &area.goals[0].sub_goals;
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].target_value.as_ref().map(|t| t.value), Some(10.0));
        assert_eq!(
            subs[1]
                .deadline
                .as_ref()
                .map(|d| d.value.to_string())
                .as_deref(),
            Some("2015-12-31")
        );
        let text = &d.blocks[8].text;
        let source = subs[0].text.source;
        assert!(text[source.start..source.end].starts_with("Minimum 10"));
        assert_eq!(area.goals[1].sub_goals[0].deadline, None);
        assert!(
            p.notes
                .iter()
                .any(|n| n.key == "document-reader-note-impossible-date"
                    && n.args == [("phrase".to_string(), "31. februar 2013".to_string())])
        );
    }

    #[test]
    fn labelled_tracks_without_parts() {
        let d = doc(&[
            (H(0), "Direktionens UdviklingsSpor"),
            (P, "2024-25"),
            (H(1), "Forord"),
            (P, "DUS sætter retning."),
            (H(1), "Fælles svære problemer"),
            (L(0), "Et klima i krise"),
            (P, "SPOR 1"),
            (H(1), "Fælles ansvar for en bæredygtig velfærd"),
            (P, "I Skanderborg leveres der velfærd."),
            (H(1), "Spor 2: Fremtidens attraktive arbejdsfællesskab"),
            (P, "Borgerne er afhængige af os."),
            (H(1), "Arbejdsformen"),
        ]);
        let p = propose(&d);
        assert_eq!(p.period.map(|p| p.value), Some((2024, 2025)));
        assert_eq!(p.focus_area_label.as_deref(), Some("Spor"));
        let titles: Vec<&str> = p
            .focus_areas
            .iter()
            .map(|a| a.title.value.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Fælles ansvar for en bæredygtig velfærd",
                "Fremtidens attraktive arbejdsfællesskab"
            ]
        );
        assert!(
            p.focus_areas
                .iter()
                .all(|a| a.goals.is_empty() && a.challenges_text.is_none())
        );
        let second = p.focus_areas[1].title.source;
        assert_eq!(
            &d.blocks[second.block].text[second.start..second.end],
            "Fremtidens attraktive arbejdsfællesskab"
        );
    }

    #[test]
    fn a_note_without_headings() {
        let d = doc(&[(P, "Kære alle, husk mødet i morgen.")]);
        let p = propose(&d);
        assert!(p.focus_areas.is_empty());
        let keys: Vec<&str> = p.notes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "document-reader-note-no-headings",
                "document-reader-note-no-focus-areas",
                "document-reader-note-no-period"
            ]
        );
        assert_eq!(propose(&Document { blocks: Vec::new() }).notes.len(), 1);
    }
}

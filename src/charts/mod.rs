//! Server-rendered SVG charts. Rust computes the geometry, askama templates (`templates/charts/`)
//! draw it, so every label is escaped like any other page text. Each chart is named once, by its
//! visible caption; the drawing carries a `<desc>`, and a data table after the figure holds the
//! same figures. Statuses differ by pattern, marker shape and label — never by colour alone — so it reads in black-and-white print and for colour-blind users.

mod bars;
mod progress;
mod trend;

pub use bars::StackedBars;
pub use progress::{ProgressChart, ProgressInput, ProgressPoint};
pub use trend::TrendChart;

use crate::domain::FollowupStatus;

/// What a chart counts: a follow-up status, or no follow-up reported at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    OnTrack,
    AtRisk,
    OffTrack,
    Done,
    NotStarted,
    Missing,
}

impl Bucket {
    pub const ALL: [Bucket; 6] = [
        Bucket::OnTrack,
        Bucket::AtRisk,
        Bucket::OffTrack,
        Bucket::Done,
        Bucket::NotStarted,
        Bucket::Missing,
    ];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|b| *b == self).unwrap_or(0)
    }

    pub fn of(status: Option<FollowupStatus>) -> Self {
        match status {
            Some(FollowupStatus::OnTrack) => Bucket::OnTrack,
            Some(FollowupStatus::AtRisk) => Bucket::AtRisk,
            Some(FollowupStatus::OffTrack) => Bucket::OffTrack,
            Some(FollowupStatus::Done) => Bucket::Done,
            Some(FollowupStatus::NotStarted) => Bucket::NotStarted,
            None => Bucket::Missing,
        }
    }

    pub fn status(self) -> Option<FollowupStatus> {
        match self {
            Bucket::OnTrack => Some(FollowupStatus::OnTrack),
            Bucket::AtRisk => Some(FollowupStatus::AtRisk),
            Bucket::OffTrack => Some(FollowupStatus::OffTrack),
            Bucket::Done => Some(FollowupStatus::Done),
            Bucket::NotStarted => Some(FollowupStatus::NotStarted),
            Bucket::Missing => None,
        }
    }

    /// The status label, and for `Missing` the one label of its own (kept here, beside the
    /// status labels of `domain.rs`).
    pub fn label(self) -> String {
        match self.status() {
            Some(status) => status.label(),
            None => crate::t("status-missing"),
        }
    }

    pub fn css(self) -> &'static str {
        match self.status() {
            Some(status) => status.css(),
            None => "missing",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self.status() {
            Some(status) => status.symbol(),
            None => "–",
        }
    }

    /// Dash pattern of this bucket's line in line charts ("" = solid).
    pub fn dash(self) -> &'static str {
        match self {
            Bucket::OnTrack => "",
            Bucket::AtRisk => "7 4",
            Bucket::OffTrack => "2 3",
            Bucket::Done => "10 3 2 3",
            Bucket::NotStarted => "1 5",
            Bucket::Missing => "4 4",
        }
    }

    /// SVG path of this bucket's marker centred on (x, y): circle, triangle, square, diamond,
    /// ring (drawn hollow), cross.
    pub fn marker(self, x: f64, y: f64, r: f64) -> String {
        match self {
            Bucket::OnTrack | Bucket::NotStarted => format!(
                "M{:.1} {y:.1}a{r:.1} {r:.1} 0 1 0 {:.1} 0a{r:.1} {r:.1} 0 1 0 {:.1} 0Z",
                x - r,
                2.0 * r,
                -2.0 * r
            ),
            Bucket::AtRisk => format!(
                "M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                y - r * 1.15,
                x + r * 1.1,
                y + r * 0.85,
                x - r * 1.1,
                y + r * 0.85
            ),
            Bucket::OffTrack => format!(
                "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}Z",
                x - r * 0.9,
                y - r * 0.9,
                r * 1.8,
                r * 1.8,
                -r * 1.8
            ),
            Bucket::Done => format!(
                "M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z",
                y - r * 1.2,
                x + r * 1.2,
                y + r * 1.2,
                x - r * 1.2
            ),
            Bucket::Missing => format!(
                "M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}",
                x - r,
                y - r,
                x + r,
                y + r,
                x - r,
                y + r,
                x + r,
                y - r
            ),
        }
    }

    /// Hollow markers are drawn white inside.
    pub fn hollow(self) -> bool {
        matches!(self, Bucket::NotStarted | Bucket::Missing)
    }
}

/// Counts per bucket, in `Bucket::ALL` order.
pub type Counts = [u32; 6];

/// "12 %" of a part in a whole, rounded; 0 when the whole is empty.
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        ((f64::from(part) * 100.0) / f64::from(whole)).round() as u32
    }
}

/// Shortens a label to fit a chart line, at a word boundary where possible.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let at_word_end = text.chars().nth(max_chars.saturating_sub(1)) == Some(' ');
    let cut = match cut.rfind(' ') {
        Some(space) if !at_word_end && space > max_chars / 2 => cut[..space].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ' ']))
}

/// Roughly 4–6 round steps covering [min, max], for an axis.
pub fn nice_ticks(min: f64, max: f64) -> Vec<f64> {
    let span = (max - min).abs().max(f64::EPSILON);
    let raw = span / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| span / s <= 5.0)
        .unwrap_or(10.0 * magnitude);
    let start = (min / step).floor() * step;
    let mut ticks = Vec::new();
    let mut tick = start;
    while ticks
        .last()
        .is_none_or(|last: &f64| *last < max - step * 1e-6)
        && ticks.len() < 12
    {
        ticks.push(tick);
        tick += step;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range_in_round_steps() {
        assert_eq!(
            nice_ticks(0.0, 100.0),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let ticks = nice_ticks(42.0, 61.0);
        assert!(
            ticks[0] <= 42.0 && *ticks.last().unwrap() >= 61.0,
            "{ticks:?}"
        );
    }

    #[test]
    fn labels_are_shortened_at_a_word() {
        assert_eq!(shorten("Kort", 10), "Kort");
        assert_eq!(
            shorten("Bæredygtig vækst og udvikling i hele kommunen", 20),
            "Bæredygtig vækst og…"
        );
    }

    #[test]
    fn buckets_round_trip_statuses() {
        for status in FollowupStatus::ALL {
            assert_eq!(Bucket::of(Some(*status)).status(), Some(*status));
        }
        assert_eq!(Bucket::of(None), Bucket::Missing);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(1, 0), 0);
    }
}

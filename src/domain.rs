//! The domain's vocabularies: each enum matches a PostgreSQL enum type of the same name, the
//! word used in strategy files, and a label for the pages in the reader's language.

use serde::{Deserialize, Serialize};

/// Declares an enum with its database type and file words in one place; labels are in
/// `locales/*/domain.ftl` under `{type}-{word}`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $pg:literal, { $($variant:ident => $word:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
        #[sqlx(type_name = $pg, rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word used in the database and in strategy files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// The label shown on pages, in the reader's language (`locales/*/domain.ftl`).
            pub fn label(self) -> String {
                crate::t(self.label_key())
            }

            /// The key of the label: the database type and the word, "followup_status-on_track".
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($pg, "-", $word),)+ }
            }

            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }

            /// The allowed words, for error messages.
            pub fn words() -> String {
                [$($word,)+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// The four levels of the Leadership Pipeline.
    LeadershipLevel, "leadership_level", {
    Direktion => "direktion";
    Chef => "chef";
    LederAfLedere => "leder_af_ledere";
    LederAfMedarbejdere => "leder_af_medarbejdere";
});

vocabulary!(MemberRole, "member_role", {
    Admin => "admin";
    Secretariat => "secretariat";
    Steering => "steering";
    Contributor => "contributor";
    Viewer => "viewer";
});

vocabulary!(StrategyStatus, "strategy_status", {
    Draft => "draft";
    Active => "active";
    Archived => "archived";
});

vocabulary!(CoordinationMode, "coordination_mode", {
    Central => "central";
    Decentral => "decentral";
});

vocabulary!(
    /// Whether a sub-goal's measured value should rise or fall towards its target.
    GoalDirection, "goal_direction", {
    Increase => "increase";
    Decrease => "decrease";
});

vocabulary!(InitiativeLifecycle, "initiative_lifecycle", {
    Idea => "idea";
    Active => "active";
    Adjusted => "adjusted";
    Stopped => "stopped";
    Completed => "completed";
    Scaled => "scaled";
});

vocabulary!(RoundState, "round_state", {
    Planned => "planned";
    Open => "open";
    Closed => "closed";
});

vocabulary!(FollowupStatus, "followup_status", {
    OnTrack => "on_track";
    AtRisk => "at_risk";
    OffTrack => "off_track";
    Done => "done";
    NotStarted => "not_started";
});

vocabulary!(ReviewState, "review_state", {
    Draft => "draft";
    Submitted => "submitted";
    Returned => "returned";
    Approved => "approved";
});

vocabulary!(DecisionKind, "decision_kind", {
    Continue => "continue";
    Adjust => "adjust";
    Stop => "stop";
    Scale => "scale";
    Note => "note";
});

impl FollowupStatus {
    /// CSS modifier and the shape drawn next to the label, so status never relies on colour alone.
    pub fn css(self) -> &'static str {
        match self {
            FollowupStatus::OnTrack => "on-track",
            FollowupStatus::AtRisk => "at-risk",
            FollowupStatus::OffTrack => "off-track",
            FollowupStatus::Done => "done",
            FollowupStatus::NotStarted => "not-started",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            FollowupStatus::OnTrack => "●",
            FollowupStatus::AtRisk => "▲",
            FollowupStatus::OffTrack => "■",
            FollowupStatus::Done => "✓",
            FollowupStatus::NotStarted => "○",
        }
    }
}

impl InitiativeLifecycle {
    /// Initiatives in these states get a follow-up when a round opens.
    pub fn is_followed_up(self) -> bool {
        matches!(
            self,
            InitiativeLifecycle::Active
                | InitiativeLifecycle::Adjusted
                | InitiativeLifecycle::Scaled
        )
    }
}

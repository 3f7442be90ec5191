//! The domain's vocabularies: each enum matches a PostgreSQL enum type of the same name, the
//! word used in strategy files, and a Danish label for the pages.

use serde::{Deserialize, Serialize};

/// Declares an enum with its database type, file words and Danish labels in one place.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $pg:literal, { $($variant:ident => $word:literal, $label:literal;)+ }) => {
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

            /// The Danish label shown on pages.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
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
    Direktion => "direktion", "Direktionen";
    Chef => "chef", "Chef";
    LederAfLedere => "leder_af_ledere", "Leder af ledere";
    LederAfMedarbejdere => "leder_af_medarbejdere", "Leder af medarbejdere";
});

vocabulary!(MemberRole, "member_role", {
    Admin => "admin", "Administrator";
    Secretariat => "secretariat", "Sekretariat";
    Steering => "steering", "Styregruppe";
    Contributor => "contributor", "Bidragyder";
    Viewer => "viewer", "Læser";
});

vocabulary!(StrategyStatus, "strategy_status", {
    Draft => "draft", "Kladde";
    Active => "active", "Aktiv";
    Archived => "archived", "Arkiveret";
});

vocabulary!(CoordinationMode, "coordination_mode", {
    Central => "central", "Central koordinering";
    Decentral => "decentral", "Decentral koordinering";
});

vocabulary!(
    /// Whether a sub-goal's measured value should rise or fall towards its target.
    GoalDirection, "goal_direction", {
    Increase => "increase", "Stige";
    Decrease => "decrease", "Falde";
});

vocabulary!(InitiativeLifecycle, "initiative_lifecycle", {
    Idea => "idea", "Idé";
    Active => "active", "Aktiv";
    Adjusted => "adjusted", "Justeret";
    Stopped => "stopped", "Stoppet";
    Completed => "completed", "Gennemført";
    Scaled => "scaled", "Skaleret";
});

vocabulary!(RoundState, "round_state", {
    Planned => "planned", "Planlagt";
    Open => "open", "Åben";
    Closed => "closed", "Lukket";
});

vocabulary!(FollowupStatus, "followup_status", {
    OnTrack => "on_track", "På sporet";
    AtRisk => "at_risk", "Udfordret";
    OffTrack => "off_track", "Kritisk";
    Done => "done", "Gennemført";
    NotStarted => "not_started", "Ikke startet";
});

vocabulary!(ReviewState, "review_state", {
    Draft => "draft", "Kladde";
    Submitted => "submitted", "Indsendt";
    Returned => "returned", "Sendt retur";
    Approved => "approved", "Godkendt";
});

vocabulary!(DecisionKind, "decision_kind", {
    Continue => "continue", "Fortsæt";
    Adjust => "adjust", "Justér";
    Stop => "stop", "Stop";
    Scale => "scale", "Skalér";
    Note => "note", "Notat";
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

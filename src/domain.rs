//! The domain's vocabularies: each enum matches a PostgreSQL enum type of the same name, the
//! word used in strategy files, and a label for the pages in the reader's language.

use serde::{Deserialize, Serialize};

/// Declares an enum with its database type and file words in one place; labels are in
/// `locales/*/domain.ftl` under `{type}-{word}`.
///
/// `vocabulary!(text ...)` declares one stored as text (a CHECK constraint lists or shapes its
/// words) rather than as a PostgreSQL enum: bound with `as_str()`, read with `parse`.
/// `vocabulary!(words ...)` is the same without labels, for words never shown as a label.
macro_rules! vocabulary {
    (text $(#[$meta:meta])* $name:ident, $key:literal, { $($variant:ident => $word:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)+ }
        vocabulary!(@words $name, { $($variant => $word;)+ });
        vocabulary!(@labels $name, $key, { $($variant => $word;)+ });
    };
    (words $(#[$meta:meta])* $name:ident, { $($variant:ident => $word:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)+ }
        vocabulary!(@words $name, { $($variant => $word;)+ });
    };
    (@words $name:ident, { $($variant:ident => $word:literal;)+ }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word used in the database and in strategy files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
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
    (@labels $name:ident, $key:literal, { $($variant:ident => $word:literal;)+ }) => {
        impl $name {
            /// The label shown on pages, in the reader's language (`locales/*/domain.ftl`).
            pub fn label(self) -> String {
                crate::t(self.label_key())
            }

            /// The key of the label: the database type and the word, "followup_status-on_track".
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($key, "-", $word),)+ }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident, $pg:literal, { $($variant:ident => $word:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
        #[sqlx(type_name = $pg, rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)+ }
        vocabulary!(@words $name, { $($variant => $word;)+ });
        vocabulary!(@labels $name, $pg, { $($variant => $word;)+ });
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

vocabulary!(text
    /// What a comment in a follow-up's conversation records (`followup_comments.kind`).
    CommentKind, "followup_comment_kind", {
    Submitted => "submitted";
    Returned => "returned";
    Approved => "approved";
    Comment => "comment";
});

vocabulary!(text
    /// How far a follow-up has come, in the one vocabulary every page, export and the API use
    /// (issue 13.7). Not stored: derived from the review state and whether anyone wrote in the
    /// follow-up (`ReportState::of`), so that a draft nobody touched reads "not reported"
    /// everywhere instead of "not started", "draft" or "in progress" depending on the page.
    ReportState, "report_state", {
    NotReported => "not_reported";
    Draft => "draft";
    Submitted => "submitted";
    Returned => "returned";
    Approved => "approved";
});

impl ReportState {
    /// `touched`: someone saved the follow-up since the round created it (its version moved on).
    pub fn of(review: ReviewState, touched: bool) -> Self {
        match review {
            ReviewState::Draft if !touched => ReportState::NotReported,
            ReviewState::Draft => ReportState::Draft,
            ReviewState::Submitted => ReportState::Submitted,
            ReviewState::Returned => ReportState::Returned,
            ReviewState::Approved => ReportState::Approved,
        }
    }

    /// CSS modifier of the label.
    pub fn css(self) -> &'static str {
        match self {
            ReportState::NotReported => "none",
            ReportState::Draft => "draft",
            ReportState::Submitted => "submitted",
            ReportState::Returned => "returned",
            ReportState::Approved => "approved",
        }
    }
}

vocabulary!(words
    /// What an audit event records (`audit_events.action`): "subject.what_happened", the subject
    /// being the kind of thing changed (an item of the strategy is any of its kinds; the event's
    /// `entity` says which). Stored as text so events of every version stay readable; a CHECK
    /// keeps the one spelling. The audit page shows the words as stored.
    AuditAction, {
    AuthSignIn => "auth.sign_in";
    AuthSignInFailed => "auth.sign_in_failed";
    AuthSignOut => "auth.sign_out";
    AuthSessionsEnded => "auth.sessions_ended";
    UserInvited => "user.invited";
    UserInvitationAccepted => "user.invitation_accepted";
    UserInvitationDeclined => "user.invitation_declined";
    UserInvitationResent => "user.invitation_resent";
    UserPasswordLinkCreated => "user.password_link_created";
    UserPasswordReset => "user.password_reset";
    UserPasswordChanged => "user.password_changed";
    UserRenamed => "user.renamed";
    MemberUpdated => "member.updated";
    MemberRoleChanged => "member.role_changed";
    MemberActivated => "member.activated";
    MemberDeactivated => "member.deactivated";
    PeopleImported => "people.imported";
    OrgUnitCreated => "org_unit.created";
    OrgUnitRenamed => "org_unit.renamed";
    OrgUnitMoved => "org_unit.moved";
    OrgUnitArchived => "org_unit.archived";
    OrgUnitRestored => "org_unit.restored";
    TenantCreated => "tenant.created";
    TenantBrandingUpdated => "tenant.branding_updated";
    PublicPageUpdated => "public_page.updated";
    ApiTokenCreated => "api_token.created";
    ApiTokenRevoked => "api_token.revoked";
    StrategyImported => "strategy.imported";
    StrategyReplaced => "strategy.replaced";
    ItemCreated => "item.created";
    ItemUpdated => "item.updated";
    ItemArchived => "item.archived";
    ItemRestored => "item.restored";
    ItemDeleted => "item.deleted";
    ItemReordered => "item.reordered";
    RevisionApproved => "revision.approved";
    RoundCreated => "round.created";
    RoundOpened => "round.opened";
    RoundClosed => "round.closed";
    RoundReopened => "round.reopened";
    RoundUpdated => "round.updated";
    RoundDeleted => "round.deleted";
    FollowupSaved => "followup.saved";
    FollowupSubmitted => "followup.submitted";
    FollowupApproved => "followup.approved";
    FollowupReturned => "followup.returned";
    FollowupCommented => "followup.commented";
    InitiativeDecided => "initiative.decided";
    SsoConfigured => "sso.configured";
    ScimTokenCreated => "scim_token.created";
    ScimTokenRevoked => "scim_token.revoked";
    ScimUserDeleted => "scim_user.deleted";
    ScimGroupCreated => "scim_group.created";
    ScimGroupUpdated => "scim_group.updated";
    ScimGroupDeleted => "scim_group.deleted";
    ScimGroupMapped => "scim_group.mapped";
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One spelling for every audit action, the one the database's CHECK
    /// (`audit_events_action_spelling`) accepts: "subject.what_happened", lower case.
    #[test]
    fn audit_actions_have_one_spelling() {
        for action in AuditAction::ALL {
            let word = action.as_str();
            let (subject, what) = word.split_once('.').expect(word);
            for part in [subject, what] {
                assert!(
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{word}"
                );
            }
            assert_eq!(AuditAction::parse(word), Some(*action));
        }
    }
}

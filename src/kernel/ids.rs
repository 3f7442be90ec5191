//! Typed ids and the one extractor of ids from the path.
//!
//! Every kind of row that a route or a query function names by id has its own type here: a
//! `RoundId` cannot be passed where a `StrategyId` is expected, so the ids of a function such as
//! `followups::queries::create_missing(conn, tenant, strategy, round)` cannot be swapped. The
//! types are transparent to PostgreSQL's `uuid` (`sqlx(transparent)`), to serde and to `Display`,
//! so they cost nothing at run time and read and print as the plain UUID.
//!
//! `IdPath<T>` reads the id parameters of a route (`{id}`, `{user_id}`, `{number}`: every path
//! parameter but the `{slug}`, which is the access guard's) and answers a malformed one with the
//! same 404 as an id that does not exist. An id of another municipality is a 404 too, because
//! row-level security hides its row: so a visitor cannot tell malformed, unknown and foreign
//! apart. `clippy.toml` forbids axum's own `Path`, whose rejection is a 400 that would tell them.
//!
//! In `query!` macros an id goes in as `id as RoundId` (sqlx's bind-parameter override) and comes
//! out as `id as "id: RoundId"`; a function that still takes a `Uuid` gets `id.into()` at the
//! boundary.

use std::fmt;
use std::str::FromStr;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::web::AppError;

/// A value that can stand in a route's path as an id parameter.
pub trait PathId: Sized {
    /// The value of a well-formed parameter; `None` for anything else.
    fn from_path(raw: &str) -> Option<Self>;
}

macro_rules! uuid_ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn get(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl PathId for $name {
            fn from_path(raw: &str) -> Option<Self> {
                raw.parse().ok()
            }
        }
    )*};
}

uuid_ids! {
    /// A strategy (`strategies.id`).
    StrategyId;
    /// A focus area (`focus_areas.id`).
    FocusAreaId;
    /// A goal (`goals.id`).
    GoalId;
    /// A sub-goal (`sub_goals.id`).
    SubGoalId;
    /// A shared problem (`challenges.id`).
    ChallengeId;
    /// An initiative (`initiatives.id`).
    InitiativeId;
    /// A cluster of initiatives (`clusters.id`).
    ClusterId;
    /// A follow-up round (`followup_rounds.id`).
    RoundId;
    /// One follow-up of a round (`followups.id`).
    FollowUpId;
    /// A user (`users.id`), in a municipality: a member.
    UserId;
    /// An organisational unit (`org_units.id`).
    OrgUnitId;
    /// An API token (`api_tokens.id`).
    TokenId;
    /// A strategy document staged for the Word import (`document_uploads.id`).
    DocumentUploadId;
}

/// An approved version of the strategy, by its number within the municipality
/// (`strategy_revisions.number`): what `/versions/{number}` shows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct VersionNumber(pub i32);

impl VersionNumber {
    pub fn get(self) -> i32 {
        self.0
    }
}

impl fmt::Display for VersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PathId for VersionNumber {
    fn from_path(raw: &str) -> Option<Self> {
        raw.parse().ok().map(Self)
    }
}

/// The id parameter of the route, typed: `IdPath(id): IdPath<RoundId>` in a handler of
/// `/t/{slug}/rounds/{id}`. A malformed id (not a UUID, not a number, not UTF-8) is
/// `AppError::NotFound`: the friendly 404 page, or under `/api/` the JSON 404
/// (`crate::web::middleware::friendly_errors`).
///
/// The route must have exactly one parameter besides `{slug}`; one with none or several is a
/// mistake in the route table, answered with a 500 that the route walk in `tests/ids.rs` finds.
#[derive(Debug, Clone, Copy)]
pub struct IdPath<T>(pub T);

impl<T: PathId, S: Send + Sync> FromRequestParts<S> for IdPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // Percent-decoding that does not give UTF-8 is a malformed id like any other.
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let mut ids = params.iter().filter(|(name, _)| *name != "slug");
        let (Some((_, raw)), None) = (ids.next(), ids.next()) else {
            return Err(AppError::Internal(anyhow::anyhow!(
                "IdPath on a route without exactly one id parameter: {}",
                parts.uri.path()
            )));
        };
        T::from_path(raw).map(IdPath).ok_or(AppError::NotFound)
    }
}

/// The one parameter of a route whose parameter is not an id: the token of a link
/// (`/set-password/{token}`), a file name (`/brand/{file}`), the public page's `{slug}`. Like
/// `IdPath`, a parameter that does not decode to text is the 404 of a token or file that does not
/// exist (axum's own `Path` answers 400).
#[derive(Debug, Clone)]
pub struct TextPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for TextPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let mut all = params.iter();
        let (Some((_, value)), None) = (all.next(), all.next()) else {
            return Err(AppError::Internal(anyhow::anyhow!(
                "TextPath on a route without exactly one parameter: {}",
                parts.uri.path()
            )));
        };
        Ok(TextPath(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_uuid_is_an_id() {
        let id = Uuid::now_v7();
        assert_eq!(RoundId::from_path(&id.to_string()), Some(RoundId(id)));
        for raw in [
            "",
            "not-a-uuid",
            "\0",
            "1234567890123456789012345678901234567890",
        ] {
            assert_eq!(RoundId::from_path(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn a_version_number_is_a_number_that_fits() {
        assert_eq!(VersionNumber::from_path("3"), Some(VersionNumber(3)));
        for raw in ["", "x", "1.5", "1234567890123456789012345678901234567890"] {
            assert_eq!(VersionNumber::from_path(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn ids_print_and_serialize_as_the_plain_uuid() {
        let id = Uuid::now_v7();
        assert_eq!(SubGoalId(id).to_string(), id.to_string());
        assert_eq!(
            serde_json::to_string(&SubGoalId(id)).unwrap(),
            format!("\"{id}\"")
        );
    }
}

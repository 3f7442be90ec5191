//! What the municipality holds now, as the export writes it and the import compares with it:
//! its members (with the name its pages show), its active org units with their name paths, and
//! whether new people sign in through its identity provider. Three statements, whatever the size.

use std::collections::HashMap;

use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::{LeadershipLevel, MemberRole};
use crate::kernel::org_units::{self, Unit};

use super::columns::PATH_SEPARATOR;

/// A member as the file lists them.
#[derive(Debug, Clone)]
pub struct Existing {
    pub user_id: Uuid,
    pub email: String,
    /// What the administrators' page shows: the person's own name once they have joined, the
    /// name the administrator typed until then.
    pub name: String,
    pub title: Option<String>,
    pub org_unit_id: Option<Uuid>,
    pub level: Option<LeadershipLevel>,
    pub role: MemberRole,
    pub is_active: bool,
    /// An invitation waits for the person's answer.
    pub pending: bool,
    pub joined: bool,
}

impl Existing {
    /// "Active" in the file: a member with access, or one whose invitation waits. A deactivated
    /// member and a withdrawn invitation are "no".
    pub fn active(&self) -> bool {
        self.is_active || self.pending
    }
}

/// How new people of the file will get in: by an invitation mail, or — when the municipality
/// signs in only through its provider and the address is in the provider's domains — through the
/// provider, without a mail (their membership starts accepted, as a just-in-time account does).
#[derive(Debug, Clone, Default)]
pub struct SignIn {
    pub sso_only: bool,
    pub domains: Vec<String>,
    pub emergency_admins: Vec<String>,
}

impl SignIn {
    pub fn through_provider(&self, email: &str) -> bool {
        self.sso_only
            && email
                .rsplit_once('@')
                .is_some_and(|(_, d)| self.domains.iter().any(|own| own == d))
            && !self.emergency_admins.iter().any(|e| e == email)
    }
}

pub struct Current {
    pub members: Vec<Existing>,
    /// The active units in tree order.
    pub units: Vec<Unit>,
    pub sign_in: SignIn,
}

impl Current {
    /// Each active unit's name path, "Børn og Unge / Skoler".
    pub fn paths(&self) -> HashMap<Uuid, String> {
        paths(&self.units)
    }
}

/// Each unit's name path from the top of the tree.
pub fn paths(units: &[Unit]) -> HashMap<Uuid, String> {
    let by_id: HashMap<Uuid, &Unit> = units.iter().map(|u| (u.id, u)).collect();
    units
        .iter()
        .map(|u| {
            let mut names = vec![u.name.as_str()];
            let mut parent = u.parent_id;
            // A parent that is archived or missing ends the path, as the tree shows the unit at
            // the top level; the bound stops a cycle the database could hold.
            while let Some(p) = parent.and_then(|p| by_id.get(&p)) {
                if names.len() > 50 {
                    break;
                }
                names.push(p.name.as_str());
                parent = p.parent_id;
            }
            names.reverse();
            (u.id, names.join(PATH_SEPARATOR))
        })
        .collect()
}

pub async fn load(tx: &mut TenantTx) -> sqlx::Result<Current> {
    let tenant_id = tx.tenant_id();
    let members = sqlx::query_as!(
        Existing,
        r#"SELECT u.id as user_id, u.email,
                  CASE WHEN m.joined_at IS NULL THEN COALESCE(m.invited_name, u.display_name) ELSE u.display_name END
                    as "name!",
                  m.title, m.org_unit_id, m.leadership_level as "level: LeadershipLevel",
                  m.role as "role: MemberRole", m.is_active, m.pending, (m.joined_at IS NOT NULL) as "joined!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = $1
           ORDER BY 3, u.email"#,
        tenant_id
    )
    .fetch_all(&mut **tx)
    .await?;
    let units = org_units::active(tx).await?;
    let provider = crate::sso::provider::load(tx).await?;
    let sign_in = provider
        .map(|p| SignIn {
            sso_only: p.sso_only,
            domains: p.domains,
            emergency_admins: p.emergency_admins,
        })
        .unwrap_or_default();
    Ok(Current {
        members,
        units,
        sign_in,
    })
}

/// The kinds of the active units (the org-units sheet writes them).
pub async fn kinds(tx: &mut TenantTx) -> sqlx::Result<HashMap<Uuid, String>> {
    let rows = sqlx::query!(
        r#"SELECT id, kind as "kind!" FROM org_units
           WHERE tenant_id = $1 AND archived_at IS NULL AND kind IS NOT NULL"#,
        tx.tenant_id()
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.kind)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_every_parent() {
        let unit = |n: u128, name: &str, parent: Option<u128>| Unit {
            id: Uuid::from_u128(n),
            name: name.into(),
            parent_id: parent.map(Uuid::from_u128),
            depth: 0,
            archived: false,
        };
        let units = [
            unit(1, "Børn og Unge", None),
            unit(2, "Skoler", Some(1)),
            unit(3, "Nordborg Skole", Some(2)),
        ];
        let paths = paths(&units);
        assert_eq!(
            paths[&Uuid::from_u128(3)],
            "Børn og Unge / Skoler / Nordborg Skole"
        );
        assert_eq!(paths[&Uuid::from_u128(1)], "Børn og Unge");
    }

    #[test]
    fn only_the_providers_own_addresses_skip_the_mail() {
        let sign_in = SignIn {
            sso_only: true,
            domains: vec!["aabenraa.dk".into()],
            emergency_admins: vec!["it@aabenraa.dk".into()],
        };
        assert!(sign_in.through_provider("anna@aabenraa.dk"));
        assert!(!sign_in.through_provider("it@aabenraa.dk"));
        assert!(!sign_in.through_provider("anna@gmail.com"));
        let open = SignIn {
            sso_only: false,
            ..sign_in
        };
        assert!(!open.through_provider("anna@aabenraa.dk"));
    }
}

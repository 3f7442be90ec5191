//! A municipality's organisation: its org units as a tree. The one reader of the tree, shared by
//! the administrators' page that builds it and the forms that place people, sub-goals and
//! initiatives in it, so all of them show the same units in the same order.

use uuid::Uuid;

use crate::db::TenantTx;

/// One org unit, with its depth in the tree (0 for a top-level unit).
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub depth: usize,
    pub archived: bool,
}

impl Unit {
    /// The name indented by its depth, for a `<select>`: an option cannot be styled, so the
    /// indentation is in the text (no-break spaces, which browsers do not collapse).
    pub fn indented(&self) -> String {
        format!("{}{}", "\u{a0}".repeat(3 * self.depth), self.name)
    }
}

/// Every unit of the municipality: the active ones in tree order (depth first, siblings by
/// position and name), then the archived ones by name. One statement.
pub async fn all(tx: &mut TenantTx) -> sqlx::Result<Vec<Unit>> {
    let rows = sqlx::query!(
        r#"SELECT id, name, parent_id, (archived_at IS NOT NULL) as "archived!"
           FROM org_units WHERE tenant_id = $1 ORDER BY position, name, id"#,
        tx.tenant_id()
    )
    .fetch_all(&mut **tx)
    .await?;
    let flat = rows
        .into_iter()
        .map(|r| Unit {
            id: r.id,
            name: r.name,
            parent_id: r.parent_id,
            depth: 0,
            archived: r.archived,
        })
        .collect();
    Ok(in_tree_order(flat))
}

/// The active units in tree order: what a form offers to place someone or something in.
pub async fn active(tx: &mut TenantTx) -> sqlx::Result<Vec<Unit>> {
    let mut units = all(tx).await?;
    units.retain(|u| !u.archived);
    Ok(units)
}

/// Orders units depth first from the top-level ones and sets their depth. An active unit whose
/// parent is archived or missing is shown at the top level rather than lost.
fn in_tree_order(flat: Vec<Unit>) -> Vec<Unit> {
    let active: Vec<&Unit> = flat.iter().filter(|u| !u.archived).collect();
    let is_root = |u: &Unit| match u.parent_id {
        None => true,
        Some(p) => !active.iter().any(|a| a.id == p),
    };
    let mut out: Vec<Unit> = Vec::with_capacity(flat.len());
    fn walk(active: &[&Unit], parent: Uuid, depth: usize, out: &mut Vec<Unit>) {
        for child in active.iter().filter(|u| u.parent_id == Some(parent)) {
            // A cycle cannot be stored through this application, but a unit met twice would
            // recurse for ever: stop at it.
            if out.iter().any(|o| o.id == child.id) {
                continue;
            }
            out.push(Unit {
                depth,
                ..(*child).clone()
            });
            walk(active, child.id, depth + 1, out);
        }
    }
    for root in active.iter().filter(|u| is_root(u)) {
        out.push(Unit {
            depth: 0,
            ..(*root).clone()
        });
        walk(&active, root.id, 1, &mut out);
    }
    let mut archived: Vec<Unit> = flat.iter().filter(|u| u.archived).cloned().collect();
    archived.sort_by_key(|u| u.name.to_lowercase());
    out.extend(archived);
    out
}

/// The ids of `root` and every active unit below it.
pub fn subtree(units: &[Unit], root: Uuid) -> Vec<Uuid> {
    let mut ids = vec![root];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        for u in units.iter().filter(|u| u.parent_id == Some(parent)) {
            if !ids.contains(&u.id) {
                ids.push(u.id);
            }
        }
        i += 1;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(n: u128, name: &str, parent: Option<u128>) -> Unit {
        Unit {
            id: Uuid::from_u128(n),
            name: name.into(),
            parent_id: parent.map(Uuid::from_u128),
            depth: 0,
            archived: false,
        }
    }

    #[test]
    fn units_come_in_tree_order_with_their_depth() {
        let flat = vec![
            unit(1, "Børn og Unge", None),
            unit(2, "Dagtilbud", Some(1)),
            unit(3, "Teknik og Miljø", None),
            unit(4, "Vuggestuer", Some(2)),
            unit(5, "Skoler", Some(1)),
        ];
        let ordered = in_tree_order(flat);
        let names: Vec<(usize, &str)> =
            ordered.iter().map(|u| (u.depth, u.name.as_str())).collect();
        assert_eq!(
            names,
            [
                (0, "Børn og Unge"),
                (1, "Dagtilbud"),
                (2, "Vuggestuer"),
                (1, "Skoler"),
                (0, "Teknik og Miljø"),
            ]
        );
        assert_eq!(
            ordered[2].indented(),
            "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}Vuggestuer"
        );
        let below = subtree(&ordered, Uuid::from_u128(1));
        assert_eq!(below.len(), 4);
    }

    #[test]
    fn an_active_unit_under_an_archived_one_is_not_lost() {
        let mut gone = unit(1, "Gammel", None);
        gone.archived = true;
        let ordered = in_tree_order(vec![gone, unit(2, "Ny", Some(1))]);
        assert_eq!(ordered[0].name, "Ny");
        assert_eq!(ordered[0].depth, 0);
        assert!(ordered[1].archived);
    }
}

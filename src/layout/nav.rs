//! The municipality's navigation in the header, built once per page from the member's role and
//! the current path: the everyday pages in one row, the occasional ones behind "Mere", and all of
//! them in one menu on a phone. Which link is the current page is decided here, not in templates.

use crate::domain::MemberRole;
use crate::kernel::access::{Capability, can};

/// How a link relates to the page being shown, for `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current {
    No,
    /// The page itself.
    Page,
    /// A page inside the link's section (a focus area under "Strategi", a user under "Administration").
    Section,
}

#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: String,
    pub label: String,
    pub current: Current,
}

impl NavLink {
    /// The value of `aria-current`, if any.
    pub fn aria_current(&self) -> Option<&'static str> {
        match self.current {
            Current::No => None,
            Current::Page => Some("page"),
            Current::Section => Some("true"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// Always visible on a laptop.
    pub primary: Vec<NavLink>,
    /// Behind the "Mere" disclosure.
    pub more: Vec<NavLink>,
}

impl Nav {
    /// Whether the current page is one of the links behind "Mere" (its summary is marked then).
    pub fn more_is_current(&self) -> bool {
        self.more.iter().any(|l| l.current != Current::No)
    }

    /// Every link, for the phone's menu.
    pub fn all(&self) -> impl Iterator<Item = &NavLink> {
        self.primary.iter().chain(self.more.iter())
    }
}

/// One entry: the path under `/t/{slug}`, its text key, and the paths of its section's pages.
struct Entry {
    path: &'static str,
    key: &'static str,
    section: &'static [&'static str],
}

const fn entry(path: &'static str, key: &'static str, section: &'static [&'static str]) -> Entry {
    Entry { path, key, section }
}

/// The navigation of `slug` for `role`, with `here` (path and query) marked.
pub fn build(slug: &str, role: MemberRole, here: &str) -> Nav {
    let mut primary = vec![
        entry(
            "/",
            "branding-nav-strategy",
            &["/focus-areas/", "/sub-goals/"],
        ),
        entry("/dashboard", "nav-dashboard", &[]),
        entry("/status", "nav-status", &[]),
        entry("/initiatives", "nav-initiatives", &[]),
        entry("/my", "nav-my-followups", &["/followups/"]),
    ];
    if can(role, Capability::Decide) {
        primary.push(entry("/meeting-pack", "nav-meeting-pack", &[]));
    }
    if can(role, Capability::RunRounds) {
        primary.push(entry("/rounds", "nav-rounds", &["/rounds/"]));
    }
    if can(role, Capability::EditStrategy) {
        primary.push(entry("/edit", "nav-edit-strategy", &["/edit/"]));
    }
    let mut more = vec![
        entry("/stories", "nav-stories", &[]),
        entry("/versions", "nav-versions", &["/versions/"]),
        entry("/people", "nav-people", &["/people/"]),
        entry("/exports", "nav-exports", &[]),
    ];
    if can(role, Capability::Administer) {
        more.push(entry("/admin/users", "nav-admin", &["/admin/"]));
    }
    let path = here.split(['?', '#']).next().unwrap_or(here);
    let base = format!("/t/{slug}");
    let link = |e: &Entry| {
        let href = format!("{base}{}", e.path);
        let inner = path.strip_prefix(&base);
        let current = if path == href {
            Current::Page
        } else if inner.is_some_and(|inner| e.section.iter().any(|s| inner.starts_with(s))) {
            Current::Section
        } else {
            Current::No
        };
        NavLink {
            href,
            label: crate::t(e.key),
            current,
        }
    };
    Nav {
        primary: primary.iter().map(link).collect(),
        more: more.iter().map(link).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current(nav: &Nav) -> Vec<(&str, Current)> {
        nav.all()
            .filter(|l| l.current != Current::No)
            .map(|l| (l.href.as_str(), l.current))
            .collect()
    }

    #[test]
    fn the_page_itself_is_marked_as_the_page() {
        let nav = build("aarhus", MemberRole::Viewer, "/t/aarhus/status?changed=1");
        assert_eq!(current(&nav), vec![("/t/aarhus/status", Current::Page)]);
    }

    #[test]
    fn a_page_inside_a_section_marks_its_section_only() {
        let nav = build("aarhus", MemberRole::Admin, "/t/aarhus/admin/audit");
        assert_eq!(
            current(&nav),
            vec![("/t/aarhus/admin/users", Current::Section)]
        );
        assert!(nav.more_is_current());
        let nav = build("aarhus", MemberRole::Viewer, "/t/aarhus/sub-goals/42");
        assert_eq!(current(&nav), vec![("/t/aarhus/", Current::Section)]);
        assert!(!nav.more_is_current());
    }

    #[test]
    fn the_role_decides_the_links() {
        let reader = build("aarhus", MemberRole::Viewer, "/");
        assert!(!reader.all().any(|l| l.href.ends_with("/edit")));
        assert!(!reader.all().any(|l| l.href.contains("/admin/")));
        let secretariat = build("aarhus", MemberRole::Secretariat, "/");
        assert!(
            secretariat
                .primary
                .iter()
                .any(|l| l.href.ends_with("/edit"))
        );
        assert!(!secretariat.all().any(|l| l.href.contains("/admin/")));
        let admin = build("aarhus", MemberRole::Admin, "/");
        assert!(admin.more.iter().any(|l| l.href.ends_with("/admin/users")));
    }

    #[test]
    fn another_municipality_with_a_longer_slug_is_not_current() {
        let nav = build("aarhus", MemberRole::Viewer, "/t/aarhus-syd/status");
        assert!(current(&nav).is_empty());
    }
}

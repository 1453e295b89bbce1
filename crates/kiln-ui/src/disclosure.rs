//! Disclosure and navigation: tabs, accordion, collapsible, breadcrumb, pagination, navbar and
//! sidebar.

mod accordion;
mod breadcrumb;
mod nav;
mod pagination;
mod tabs;

pub use accordion::{Accordion, AccordionItem, Collapsible};
pub use breadcrumb::{Breadcrumb, BreadcrumbItem};
pub use nav::{NavLink, Navbar, Sidebar, SidebarLink, SidebarSection};
pub use pagination::{PageItem, Pagination, pagination_range};
pub use tabs::{Tab, TabList, TabPanel, Tabs};

/// Moves keyboard focus to the element with id `id` (in the browser; nothing on the server).
fn focus_by_id(id: &str) {
    #[cfg(feature = "hydrate")]
    crate::dom::focus_id(id);
}

/// A value made safe for an element id.
fn id_part(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe() {
        assert_eq!(id_part("a b/c"), "a-b-c");
        assert_eq!(id_part("tab_1-x"), "tab_1-x");
    }
}

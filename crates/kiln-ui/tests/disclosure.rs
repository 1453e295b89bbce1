//! The disclosure and navigation components render the WAI-ARIA patterns into the first HTML.

mod support;

use kiln_ui::prelude::*;
use kiln_ui::{Orientation, PageItem, pagination_range};
use support::{count, render};

/// The value of the first `name="..."` attribute after `from` in `html`.
fn attribute<'a>(html: &'a str, from: &str, name: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} not in {html}"));
    let rest = &html[start..];
    let needle = format!("{name}=\"");
    let at = rest
        .find(&needle)
        .unwrap_or_else(|| panic!("{name} after {from} in {html}"))
        + needle.len();
    let end = rest[at..].find('"').map_or(rest.len(), |end| at + end);
    &rest[at..end]
}

/// Whether some opening `<tag ...>` in `html` has all of `attributes` (in any order).
fn has_tag(html: &str, tag: &str, attributes: &[&str]) -> bool {
    html.split(&format!("<{tag}"))
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(open, _)| open))
        .any(|open| attributes.iter().all(|attribute| open.contains(attribute)))
}

fn tab_children() -> impl IntoView {
    view! {
            <TabList label="Settings">
                <Tab value="account">"Account"</Tab>
                <Tab value="billing">"Billing"</Tab>
                <Tab value="team">"Team"</Tab>
            </TabList>
            <TabPanel value="account">"Account panel"</TabPanel>
            <TabPanel value="billing">"Billing panel"</TabPanel>
            <TabPanel value="team">"Team panel"</TabPanel>
    }
}

fn three_tabs(default_value: Option<&'static str>) -> String {
    render(move || match default_value {
        Some(value) => {
            view! { <Theme><Tabs default_value=value>{tab_children()}</Tabs></Theme> }.into_any()
        }
        None => view! { <Theme><Tabs>{tab_children()}</Tabs></Theme> }.into_any(),
    })
}

#[test]
fn tabs_render_the_aria_tabs_pattern() {
    let html = three_tabs(Some("billing"));
    assert!(
        html.contains(r#"role="tablist" aria-label="Settings" aria-orientation="horizontal""#),
        "{html}"
    );
    assert_eq!(count(&html, r#"role="tab""#), 3);
    assert_eq!(count(&html, r#"role="tabpanel""#), 3);
    // Only the selected tab is in the tab order and selected.
    assert_eq!(count(&html, r#"aria-selected="true""#), 1, "{html}");
    assert_eq!(count(&html, r#"aria-selected="false""#), 2, "{html}");
    assert_eq!(count(&html, r#"tabindex="-1""#), 2, "{html}");
    let billing = html.find(">Billing</button>").expect("billing tab");
    let billing_tab = &html[html[..billing].rfind("<button").expect("button")..billing];
    assert!(
        billing_tab.contains(r#"aria-selected="true""#),
        "{billing_tab}"
    );
    assert!(billing_tab.contains(r#"tabindex="0""#), "{billing_tab}");
    // Tabs and panels name each other.
    let tab_id = attribute(billing_tab, "<button", "id");
    let panel_id = attribute(billing_tab, "<button", "aria-controls");
    let panel = &html[html.find(&format!(r#"id="{panel_id}""#)).expect("panel")..];
    assert!(
        panel.contains(&format!(r#"aria-labelledby="{tab_id}""#)),
        "{panel}"
    );
    assert!(panel.starts_with(&format!(r#"id="{panel_id}" aria-labelledby="{tab_id}" tabindex="0" data-state="active" class="kiln-tab-panel">Billing panel"#)), "{panel}");
    // The others are hidden, server-side.
    assert_eq!(count(&html, " hidden"), 2, "{html}");
    assert!(
        html.contains(r#"hidden data-state="inactive" class="kiln-tab-panel">Account panel"#),
        "{html}"
    );
}

#[test]
fn tabs_select_the_first_tab_by_default() {
    let html = three_tabs(None);
    let account = html.find(">Account</button>").expect("account tab");
    let account_tab = &html[html[..account].rfind("<button").expect("button")..account];
    assert!(
        account_tab.contains(r#"aria-selected="true""#),
        "{account_tab}"
    );
    assert!(
        html.contains(r#"data-state="active" class="kiln-tab-panel">Account panel"#),
        "{html}"
    );
    assert_eq!(count(&html, " hidden"), 2, "{html}");
}

/// The opening tag of the tab labelled `label`.
fn tab_tag<'a>(html: &'a str, label: &str) -> &'a str {
    let end = html
        .find(&format!(">{label}</button>"))
        .unwrap_or_else(|| panic!("{label} tab in {html}"));
    &html[html[..end].rfind("<button").expect("button")..end]
}

#[test]
fn a_value_matching_no_enabled_tab_leaves_the_first_enabled_tab_reachable() {
    // A default naming no tab; the first tab is disabled, so the second takes the tab stop.
    let html = render(|| {
        view! {
            <Tabs default_value="missing">
                <TabList label="Pets">
                    <Tab value="cats" disabled=true>"Cats"</Tab>
                    <Tab value="dogs">"Dogs"</Tab>
                    <Tab value="fish">"Fish"</Tab>
                </TabList>
                <TabPanel value="dogs">"Woof."</TabPanel>
            </Tabs>
        }
    });
    assert_eq!(
        count(&html, r#"tabindex="0" data-state="inactive""#),
        1,
        "{html}"
    );
    assert!(tab_tag(&html, "Dogs").contains(r#"tabindex="0""#), "{html}");
    assert!(
        tab_tag(&html, "Cats").contains(r#"tabindex="-1""#),
        "{html}"
    );
    assert!(
        tab_tag(&html, "Fish").contains(r#"tabindex="-1""#),
        "{html}"
    );
    assert_eq!(count(&html, r#"aria-selected="true""#), 0, "{html}");

    // A controlled value naming a disabled tab: the first enabled tab is still reachable.
    let html = render(|| {
        let value = RwSignal::new("cats".to_owned());
        view! {
            <Tabs value=value>
                <TabList label="Pets">
                    <Tab value="dogs">"Dogs"</Tab>
                    <Tab value="cats" disabled=true>"Cats"</Tab>
                </TabList>
            </Tabs>
        }
    });
    assert!(tab_tag(&html, "Dogs").contains(r#"tabindex="0""#), "{html}");

    // A valid selection keeps the one tab stop on the selected tab.
    let html = three_tabs(Some("team"));
    assert!(tab_tag(&html, "Team").contains(r#"tabindex="0""#), "{html}");
    assert!(
        tab_tag(&html, "Account").contains(r#"tabindex="-1""#),
        "{html}"
    );
}

#[test]
fn tab_ids_are_unique_per_tabs() {
    let html = render(|| {
        view! {
            <Theme>
                <Tabs><TabList label="A"><Tab value="x">"X"</Tab></TabList><TabPanel value="x">"1"</TabPanel></Tabs>
                <Tabs><TabList label="B"><Tab value="x">"X"</Tab></TabList><TabPanel value="x">"2"</TabPanel></Tabs>
            </Theme>
        }
    });
    let first = attribute(&html, r#"role="tab""#, "id");
    let second_from = html.rfind(r#"role="tab""#).expect("second tab");
    let second = attribute(&html[second_from..], r#"role="tab""#, "id");
    assert_ne!(first, second, "{html}");
}

#[test]
fn vertical_tabs_say_so() {
    let html = render(|| {
        view! {
            <Tabs orientation=Orientation::Vertical default_value="b">
                <TabList label="Side"><Tab value="a">"A"</Tab><Tab value="b" disabled=true>"B"</Tab></TabList>
                <TabPanel value="a">"a"</TabPanel>
            </Tabs>
        }
    });
    assert!(html.contains(r#"data-orientation="vertical""#), "{html}");
    assert!(html.contains(r#"aria-orientation="vertical""#), "{html}");
    assert!(html.contains("disabled"), "{html}");
}

#[test]
fn controlled_tabs_follow_the_value() {
    let html = render(|| {
        let value = RwSignal::new("two".to_owned());
        view! {
            <Tabs value=value on_change=move |v: String| value.set(v)>
                <TabList label="Numbers"><Tab value="one">"One"</Tab><Tab value="two">"Two"</Tab></TabList>
                <TabPanel value="one">"1"</TabPanel>
                <TabPanel value="two">"2"</TabPanel>
            </Tabs>
        }
    });
    assert!(
        html.contains(r#"data-state="active" class="kiln-tab-panel">2</div>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"hidden data-state="inactive" class="kiln-tab-panel">1</div>"#),
        "{html}"
    );
}

#[test]
fn accordion_items_are_details_with_named_regions() {
    let html = render(|| {
        view! {
            <Theme>
                <Accordion>
                    <AccordionItem title="Is it free?" open=true>"Yes."</AccordionItem>
                    <AccordionItem title="Offline?">"Once loaded."</AccordionItem>
                </Accordion>
            </Theme>
        }
    });
    assert_eq!(count(&html, "<details"), 2, "{html}");
    assert_eq!(count(&html, "<summary"), 2, "{html}");
    // Exclusive: the items share a name.
    let name = attribute(&html, "<details", "name");
    assert!(name.starts_with("kiln-accordion-"), "{html}");
    assert_eq!(count(&html, &format!(r#"name="{name}""#)), 2, "{html}");
    // The first is open, the second closed.
    let first =
        &html[html.find("<details").expect("details")..html.find("</details>").expect("end")];
    assert!(first.contains(" open"), "{first}");
    let second = &html[html.rfind("<details").expect("second")..];
    assert!(
        !second[..second.find('>').expect(">")].contains(" open"),
        "{second}"
    );
    // Each content is a region named by its summary.
    let trigger = attribute(first, "<summary", "id");
    assert!(
        first.contains(&format!(r#"role="region" aria-labelledby="{trigger}""#)),
        "{first}"
    );
    assert!(
        first.contains(r#"<span class="kiln-accordion-title">Is it free?</span>"#),
        "{first}"
    );
}

#[test]
fn multiple_accordions_are_not_exclusive() {
    let html = render(|| {
        view! {
            <Accordion multiple=true>
                <AccordionItem title="A">"a"</AccordionItem>
                <AccordionItem title="B" open=true>"b"</AccordionItem>
            </Accordion>
        }
    });
    assert!(!html.contains(" name="), "{html}");
    assert_eq!(count(&html, "<details"), 2);
}

#[test]
fn collapsible_is_a_details_element() {
    let html =
        render(|| view! { <Collapsible trigger="More" open=true>"Hidden text"</Collapsible> });
    assert!(
        html.starts_with(r#"<details open class="kiln-collapsible">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<summary class="kiln-collapsible-trigger">"#),
        "{html}"
    );
    assert!(html.contains("<span>More</span></summary>"), "{html}");
    assert!(
        html.contains(r#"<div class="kiln-collapsible-content">Hidden text</div>"#),
        "{html}"
    );
    let closed = render(|| view! { <Collapsible trigger="More">"x"</Collapsible> });
    assert!(
        closed.starts_with(r#"<details class="kiln-collapsible">"#),
        "{closed}"
    );
}

#[test]
fn breadcrumb_marks_the_current_page_and_hides_separators() {
    let html = render(|| {
        view! {
            <Breadcrumb>
                <BreadcrumbItem href="/">"Home"</BreadcrumbItem>
                <BreadcrumbItem href="/docs">"Docs"</BreadcrumbItem>
                <BreadcrumbItem>"Tabs"</BreadcrumbItem>
            </Breadcrumb>
        }
    });
    assert!(
        html.starts_with(r#"<nav aria-label="Breadcrumb" class="kiln-breadcrumb"><ol"#),
        "{html}"
    );
    assert_eq!(count(&html, "<li"), 3);
    assert_eq!(count(&html, r#"aria-current="page""#), 1, "{html}");
    assert!(
        html.contains(r#"<span aria-current="page" class="kiln-breadcrumb-page">Tabs</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/docs" class="kiln-breadcrumb-link">Docs</a>"#),
        "{html}"
    );
    assert_eq!(
        count(
            &html,
            r#"<span aria-hidden="true" class="kiln-breadcrumb-separator">"#
        ),
        3
    );
}

#[test]
fn pagination_links_every_page_it_shows() {
    let html = render(|| {
        view! { <Pagination page=5 total=20 href=|page: usize| format!("/list?page={page}")/> }
    });
    assert!(
        html.starts_with(r#"<nav aria-label="Pagination" data-size="2" class="kiln-pagination">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="/list?page=4" aria-label="Previous page" rel="prev""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="/list?page=6" aria-label="Next page" rel="next""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="/list?page=5" aria-current="page" aria-label="Page 5" class="kiln-pagination-link">5</a>"#),
        "{html}"
    );
    assert_eq!(count(&html, r#"aria-current="page""#), 1);
    assert_eq!(count(&html, "kiln-pagination-ellipsis"), 2, "{html}");
    for page in [1, 4, 6, 20] {
        assert!(
            html.contains(&format!(
                r#"href="/list?page={page}" aria-label="Page {page}""#
            )),
            "{page}: {html}"
        );
    }
    assert!(!html.contains(r#"page=2""#), "{html}");
}

#[test]
fn pagination_disables_previous_on_the_first_page() {
    let html =
        render(|| view! { <Pagination page=1 total=3 href=|page: usize| format!("?p={page}")/> });
    assert!(
        html.contains(r#"role="link" aria-disabled="true" aria-label="Previous page""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="?p=2" aria-label="Next page""#),
        "{html}"
    );
    assert_eq!(count(&html, "kiln-pagination-ellipsis"), 0);

    let last =
        render(|| view! { <Pagination page=3 total=3 href=|page: usize| format!("?p={page}")/> });
    assert!(
        last.contains(r#"aria-disabled="true" aria-label="Next page""#),
        "{last}"
    );
}

#[test]
fn pagination_range_is_public() {
    assert_eq!(
        pagination_range(10, 10, 1, 1),
        [
            PageItem::Page(1),
            PageItem::Ellipsis,
            PageItem::Page(6),
            PageItem::Page(7),
            PageItem::Page(8),
            PageItem::Page(9),
            PageItem::Page(10)
        ]
    );
}

#[test]
fn navbar_has_a_menu_button_for_narrow_screens() {
    let html = render(|| {
        view! {
            <Theme>
                <Navbar brand=|| view! { <a href="/">"Kiln"</a> } actions=|| view! { <button>"Sign in"</button> }>
                    <NavLink href="/" current=true>"Home"</NavLink>
                    <NavLink href="/docs">"Docs"</NavLink>
                </Navbar>
            </Theme>
        }
    });
    assert!(
        html.contains(r#"<header data-open="false" class="kiln-navbar">"#),
        "{html}"
    );
    let links = attribute(&html, "aria-expanded=", "aria-controls");
    assert!(
        has_tag(
            &html,
            "nav",
            &[
                &format!(r#"id="{links}""#),
                r#"aria-label="Main""#,
                "kiln-navbar-links"
            ]
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"aria-label="Menu" aria-expanded="false""#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/" aria-current="page" class="kiln-navbar-link">Home</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/docs" class="kiln-navbar-link">Docs</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="kiln-navbar-brand"><a href="/">Kiln</a></div>"#),
        "{html}"
    );
    assert!(html.contains("Sign in"), "{html}");
}

#[test]
fn sidebar_sections_name_their_lists() {
    let html = render(|| {
        view! {
            <Theme>
                <Sidebar label="Docs">
                    <SidebarSection title="Guides">
                        <SidebarLink href="/start" current=true>"Start"</SidebarLink>
                        <SidebarLink href="/deploy">"Deploy"</SidebarLink>
                    </SidebarSection>
                </Sidebar>
            </Theme>
        }
    });
    assert!(
        html.contains(r#"<aside data-open="false" class="kiln-sidebar">"#),
        "{html}"
    );
    let nav = attribute(&html, "aria-expanded=", "aria-controls");
    assert!(
        has_tag(
            &html,
            "nav",
            &[
                &format!(r#"id="{nav}""#),
                r#"aria-label="Docs""#,
                "kiln-sidebar-nav"
            ]
        ),
        "{html}"
    );
    assert!(html.contains(r#"aria-expanded="false""#), "{html}");
    let title = attribute(&html, r#"class="kiln-sidebar-section""#, "id");
    assert!(
        has_tag(
            &html,
            "ul",
            &[
                &format!(r#"aria-labelledby="{title}""#),
                "kiln-sidebar-list"
            ]
        ),
        "{html}"
    );
    assert_eq!(count(&html, r#"aria-current="page""#), 1, "{html}");
    assert!(
        html.contains(r#"href="/start" aria-current="page" class="kiln-sidebar-link">Start</a>"#),
        "{html}"
    );
}

#[test]
fn the_stylesheet_styles_every_navigation_component() {
    for class in [
        ".kiln-tab-list",
        ".kiln-tab",
        ".kiln-accordion",
        ".kiln-collapsible",
        ".kiln-breadcrumb",
        ".kiln-pagination",
        ".kiln-navbar",
        ".kiln-sidebar",
    ] {
        assert!(kiln_ui::STYLESHEET.contains(class), "{class} has no CSS");
    }
}

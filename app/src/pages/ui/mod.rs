//! The component gallery: every component of Kiln's kit, live, with its code beside it, and a
//! theme panel that restyles all of it.

mod bound;
mod data;
mod forms;
mod layout;
mod navigation;
mod overlays;
mod typography;

pub use bound::{BoundDemo, Preferences};
pub use data::DataPage;
pub use forms::FormsPage;
pub use layout::LayoutPage;
pub use navigation::NavigationPage;
pub use overlays::OverlaysPage;
pub use typography::TypographyPage;

use crate::code::PageMeta;
use kiln::prelude::*;

/// A page of the gallery: its path, its title and what it shows.
pub struct Category {
    /// Where it is.
    pub path: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// One line on what it holds.
    pub description: &'static str,
}

/// The gallery's pages, in the order the sidebar lists them.
pub const CATEGORIES: [Category; 6] = [
    Category {
        path: "/ui/layout",
        title: "Layout",
        description: "Box, flex, grid, stacks, container, section, card and friends.",
    },
    Category {
        path: "/ui/typography",
        title: "Typography",
        description: "Headings, text, links, code, quotes, markdown and highlighted code.",
    },
    Category {
        path: "/ui/forms",
        title: "Forms",
        description: "Buttons, fields, selects, checkboxes, radios, switches, sliders.",
    },
    Category {
        path: "/ui/overlays",
        title: "Overlays",
        description: "Dialogs, drawers, popovers, tooltips, menus and toasts.",
    },
    Category {
        path: "/ui/data",
        title: "Data display",
        description: "Badges, avatars, callouts, tables, lists, progress, icons.",
    },
    Category {
        path: "/ui/navigation",
        title: "Disclosure and navigation",
        description: "Tabs, accordion, collapsible, breadcrumb, pagination, navbar, sidebar.",
    },
];

/// The gallery's front page: the categories and the theme panel.
#[component]
pub fn GalleryIndex() -> impl IntoView {
    view! {
        <PageMeta
            title="Components · Kiln"
            description="Kiln's component kit: accessible, themed, server-rendered components."
        />
        <h1>"Components"</h1>
        <p class="lead">
            "Every Kiln app gets these: rendered on the server, hydrated in the browser, \
             accessible, themed by CSS custom properties. Change the theme on the right; \
             every page of the gallery follows."
        </p>
        <div class="gallery">
            <ul class="gallery-categories">
                {CATEGORIES
                    .iter()
                    .map(|category| {
                        view! {
                            <li>
                                <A href=category.path>{category.title}</A>
                                <p class="muted">{category.description}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <aside class="gallery-theme"><ThemePanel/></aside>
        </div>
    }
}

/// The frame of a gallery page: its head, the list of categories, the theme panel, the demos.
#[component]
pub fn GalleryPage(
    /// The page's title (also its `<h1>`).
    title: &'static str,
    /// What it shows.
    description: &'static str,
    /// The demos.
    children: Children,
) -> impl IntoView {
    view! {
        <PageMeta title=format!("{title} · Kiln") description=description/>
        <div class="gallery">
            <div class="gallery-main">
                <h1>{title}</h1>
                <p class="lead">{description}</p>
                {children()}
            </div>
            <aside class="gallery-theme">
                <nav aria-label="Component categories">
                    <ul class="gallery-nav">
                        {CATEGORIES
                            .iter()
                            .map(|category| view! { <li><A href=category.path>{category.title}</A></li> })
                            .collect_view()}
                    </ul>
                </nav>
                <ThemePanel/>
            </aside>
        </div>
    }
}

/// One component's demo: its name, the live component, and the code that made it.
#[component]
pub fn Demo(
    /// The component's name, the demo's heading.
    title: &'static str,
    /// The demo's code: its function in the page's file (`SOURCE.item("ButtonDemo")`).
    code: Source,
    /// The live demo.
    children: Children,
) -> impl IntoView {
    let id = title.to_lowercase().replace(' ', "-");
    view! {
        <section class="gallery-demo" id=id>
            <h2>{title}</h2>
            <div class="gallery-live">{children()}</div>
            <details class="gallery-code">
                <summary>"Code"</summary>
                <CodeBlock source=code language="rust"/>
            </details>
        </section>
    }
}

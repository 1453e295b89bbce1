//! A site's navigation: the [`Navbar`] and the [`Sidebar`], and their links.

use super::focus_by_id;
use crate::glyph::Glyph;
use crate::id::use_id;
use crate::props::class_list;
use leptos::prelude::*;

/// A site's header bar: a `brand` (logo, name), [`NavLink`]s, and `actions` (buttons, a
/// color-mode toggle). On narrow screens (below 768px) the links fold behind a menu button.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Header() -> impl IntoView {
///     view! {
///         <Navbar brand=|| view! { <a href="/">"Kiln"</a> } actions=|| view! { <ColorModeToggle/> }>
///             <NavLink href="/" current=true>"Home"</NavLink>
///             <NavLink href="/docs">"Docs"</NavLink>
///         </Navbar>
///     }
/// }
/// ```
#[component]
pub fn Navbar(
    /// The brand: a logo or the site's name, usually a link home.
    #[prop(optional, into)]
    brand: Option<ViewFn>,
    /// Controls at the end of the bar.
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    /// The navigation's name (default "Main").
    #[prop(default = "Main".into(), into)]
    label: String,
    /// The menu button's name (default "Menu").
    #[prop(default = "Menu".into(), into)]
    menu_label: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`NavLink`]s.
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = use_id("navbar");
    let toggle = format!("{id}-toggle");
    let links = format!("{id}-links");
    let on_keydown = {
        let toggle = toggle.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" && open.get_untracked() {
                open.set(false);
                focus_by_id(&toggle);
            }
        }
    };
    view! {
        <header
            class=class_list("kiln-navbar", class.as_deref())
            data-open=move || open.get().to_string()
            on:keydown=on_keydown
        >
            <div class="kiln-navbar-brand">{brand.map(|brand| brand.run())}</div>
            <button
                type="button"
                class="kiln-navbar-toggle"
                id=toggle
                aria-label=menu_label
                aria-expanded=move || open.get().to_string()
                aria-controls=links.clone()
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {Glyph::Menu.view()}
            </button>
            <nav class="kiln-navbar-links" id=links aria-label=label on:click=move |_| open.set(false)>
                <ul class="kiln-navbar-list">{children()}</ul>
            </nav>
            <div class="kiln-navbar-actions">{actions.map(|actions| actions.run())}</div>
        </header>
    }
}

/// A link in a list item, `aria-current="page"` while `current`: a [`NavLink`] or [`SidebarLink`].
fn nav_link(
    own: &str,
    href: String,
    current: Signal<bool>,
    class: Option<String>,
    children: Children,
) -> impl IntoView + use<> {
    view! {
        <li>
            <a
                class=class_list(own, class.as_deref())
                href=href
                aria-current=move || current.get().then_some("page")
            >
                {children()}
            </a>
        </li>
    }
}

/// A link of a [`Navbar`]; `current` marks the page it is on (`aria-current="page"`).
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Links() -> impl IntoView {
///     view! { <Navbar><NavLink href="/blog" current=true>"Blog"</NavLink></Navbar> }
/// }
/// ```
#[component]
pub fn NavLink(
    /// Where it goes.
    #[prop(into)]
    href: String,
    /// Whether it is the current page.
    #[prop(optional, into)]
    current: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    nav_link("kiln-navbar-link", href, current, class, children)
}

/// A side navigation: [`SidebarSection`]s of [`SidebarLink`]s in an `<aside>`. On narrow
/// screens (below 768px) it folds behind a button.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn DocsNav() -> impl IntoView {
///     view! {
///         <Sidebar label="Documentation">
///             <SidebarSection title="Guides">
///                 <SidebarLink href="/docs/start" current=true>"Getting started"</SidebarLink>
///                 <SidebarLink href="/docs/deploy">"Deploying"</SidebarLink>
///             </SidebarSection>
///         </Sidebar>
///     }
/// }
/// ```
#[component]
pub fn Sidebar(
    /// The navigation's name, also the fold button's label (default "Sections").
    #[prop(default = "Sections".into(), into)]
    label: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`SidebarSection`]s (or [`SidebarLink`]s in a list).
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let nav = use_id("sidebar");
    view! {
        <aside class=class_list("kiln-sidebar", class.as_deref()) data-open=move || open.get().to_string()>
            <button
                type="button"
                class="kiln-sidebar-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=nav.clone()
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {Glyph::Menu.view()}
                <span>{label.clone()}</span>
            </button>
            <nav class="kiln-sidebar-nav" id=nav aria-label=label>
                {children()}
            </nav>
        </aside>
    }
}

/// A titled group of [`SidebarLink`]s.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Group() -> impl IntoView {
///     view! { <Sidebar><SidebarSection title="API"><SidebarLink href="/api">"Overview"</SidebarLink></SidebarSection></Sidebar> }
/// }
/// ```
#[component]
pub fn SidebarSection(
    /// The group's title, which names its list.
    #[prop(into)]
    title: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`SidebarLink`]s.
    children: Children,
) -> impl IntoView {
    let id = use_id("sidebar-section");
    view! {
        <div class=class_list("kiln-sidebar-section", class.as_deref())>
            <div class="kiln-sidebar-title" id=id.clone()>{title}</div>
            <ul class="kiln-sidebar-list" aria-labelledby=id>{children()}</ul>
        </div>
    }
}

/// A link of a [`Sidebar`]; `current` marks the page it is on (`aria-current="page"`).
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Link() -> impl IntoView {
///     view! { <Sidebar><SidebarSection title="Docs"><SidebarLink href="/docs" current=true>"Docs"</SidebarLink></SidebarSection></Sidebar> }
/// }
/// ```
#[component]
pub fn SidebarLink(
    /// Where it goes.
    #[prop(into)]
    href: String,
    /// Whether it is the current page.
    #[prop(optional, into)]
    current: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    nav_link("kiln-sidebar-link", href, current, class, children)
}

//! [`Breadcrumb`]: where the page is in the site's hierarchy.

use crate::glyph::Glyph;
use crate::props::class_list;
use leptos::prelude::*;

/// Where the page is in the site's hierarchy: a trail of [`BreadcrumbItem`] links, the last
/// one the current page (`<nav aria-label="Breadcrumb">` around an `<ol>`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Trail() -> impl IntoView {
///     view! {
///         <Breadcrumb>
///             <BreadcrumbItem href="/">"Home"</BreadcrumbItem>
///             <BreadcrumbItem href="/docs">"Docs"</BreadcrumbItem>
///             <BreadcrumbItem>"Tabs"</BreadcrumbItem>
///         </Breadcrumb>
///     }
/// }
/// ```
#[component]
pub fn Breadcrumb(
    /// The navigation's name (default "Breadcrumb").
    #[prop(default = "Breadcrumb".into(), into)]
    label: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`BreadcrumbItem`]s.
    children: Children,
) -> impl IntoView {
    view! {
        <nav class=class_list("kiln-breadcrumb", class.as_deref()) aria-label=label>
            <ol class="kiln-breadcrumb-list">{children()}</ol>
        </nav>
    }
}

/// A step of a [`Breadcrumb`]: a link, or, without `href` (or with `current`), the current
/// page (`aria-current="page"`). A separator is drawn before every item but the first, hidden
/// from screen readers.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Here() -> impl IntoView {
///     view! { <Breadcrumb><BreadcrumbItem href="/a" current=true>"A"</BreadcrumbItem></Breadcrumb> }
/// }
/// ```
#[component]
pub fn BreadcrumbItem(
    /// Where it links.
    #[prop(optional, into)]
    href: Option<String>,
    /// Whether it is the current page (default: when it has no `href`).
    #[prop(optional)]
    current: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    let current = (current || href.is_none()).then_some("page");
    let link = match href {
        Some(href) => view! {
            <a class="kiln-breadcrumb-link" href=href aria-current=current>{children()}</a>
        }
        .into_any(),
        None => view! {
            <span class="kiln-breadcrumb-page" aria-current=current>{children()}</span>
        }
        .into_any(),
    };
    view! {
        <li class=class_list("kiln-breadcrumb-item", class.as_deref())>
            <span class="kiln-breadcrumb-separator" aria-hidden="true">
                {Glyph::ChevronRight.view()}
            </span>
            {link}
        </li>
    }
}

//! Disclosure and navigation: tabs, accordion, collapsible, breadcrumb, pagination, navbar and
//! sidebar.

use crate::focus::{Orientation, roving_index};
use crate::glyph::Glyph;
use crate::id::use_id;
use crate::props::{Size, class_list};
use leptos::prelude::*;

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

/// What a [`Tabs`]'s parts share.
#[derive(Clone)]
struct TabsContext {
    /// The selected tab when the app does not control it.
    own: RwSignal<Option<String>>,
    /// The selected tab when the app controls it.
    value: Option<Signal<String>>,
    on_change: Option<Callback<String>>,
    orientation: Orientation,
    base: StoredValue<String>,
    /// The tabs in order, with whether each is disabled: for the arrow keys.
    tabs: StoredValue<Vec<(String, bool)>>,
}

impl TabsContext {
    fn selected(&self) -> Option<String> {
        match self.value {
            Some(value) => Some(value.get()),
            None => self.own.get(),
        }
    }

    fn select(&self, value: String) {
        if self.selected().as_deref() == Some(value.as_str()) {
            return;
        }
        self.own.set(Some(value.clone()));
        if let Some(on_change) = self.on_change {
            on_change.run(value);
        }
    }

    fn tab_id(&self, value: &str) -> String {
        format!("{}-tab-{}", self.base.get_value(), id_part(value))
    }

    fn panel_id(&self, value: &str) -> String {
        format!("{}-panel-{}", self.base.get_value(), id_part(value))
    }
}

fn use_tabs() -> Option<TabsContext> {
    use_context::<TabsContext>()
}

/// Tabs: one panel shown at a time, picked by a row of [`Tab`]s in a [`TabList`], each showing
/// its [`TabPanel`] (WAI-ARIA tabs pattern).
///
/// The selected tab is `default_value` (default: the first tab) and then the one picked, or
/// the app's `value` when it controls it; `on_change` reports picks. The server renders the
/// selected panel visible and the others `hidden`, so the page reads right without
/// JavaScript. Keyboard: Tab enters the tab list at the selected tab; the arrow keys (Left and
/// Right; Up and Down too when vertical), Home and End move to a tab and select it.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Settings() -> impl IntoView {
///     view! {
///         <Tabs default_value="account">
///             <TabList label="Settings">
///                 <Tab value="account">"Account"</Tab>
///                 <Tab value="billing">"Billing"</Tab>
///             </TabList>
///             <TabPanel value="account">"Your name and email."</TabPanel>
///             <TabPanel value="billing">"Your plan and invoices."</TabPanel>
///         </Tabs>
///     }
/// }
/// ```
#[component]
pub fn Tabs(
    /// The tab selected at first (default: the first one).
    #[prop(optional, into)]
    default_value: Option<String>,
    /// The selected tab, when the app controls it.
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with a tab's value when the visitor selects it.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// Tabs in a row (horizontal, default) or a column (vertical).
    #[prop(default = Orientation::Horizontal)]
    orientation: Orientation,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`TabList`] and the [`TabPanel`]s.
    children: Children,
) -> impl IntoView {
    let orientation = if orientation == Orientation::Horizontal {
        Orientation::Horizontal
    } else {
        Orientation::Vertical
    };
    let context = TabsContext {
        own: RwSignal::new(default_value),
        value,
        on_change,
        orientation,
        base: StoredValue::new(use_id("tabs")),
        tabs: StoredValue::new(Vec::new()),
    };
    provide_context(context);
    view! {
        <div
            class=class_list("kiln-tabs", class.as_deref())
            data-orientation=if orientation == Orientation::Vertical { "vertical" } else { "horizontal" }
        >
            {children()}
        </div>
    }
}

/// The row of [`Tab`]s of a [`Tabs`] (`role="tablist"`), named by `label`.
///
/// Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Views() -> impl IntoView {
///     view! {
///         <Tabs>
///             <TabList label="Views" size=Size::S1><Tab value="list">"List"</Tab></TabList>
///             <TabPanel value="list">"The list."</TabPanel>
///         </Tabs>
///     }
/// }
/// ```
#[component]
pub fn TabList(
    /// What the tabs are about, for screen readers.
    #[prop(into)]
    label: String,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`Tab`]s.
    children: Children,
) -> impl IntoView {
    let vertical = use_tabs().is_some_and(|tabs| tabs.orientation == Orientation::Vertical);
    view! {
        <div
            class=class_list("kiln-tab-list", class.as_deref())
            role="tablist"
            aria-label=label
            aria-orientation=if vertical { "vertical" } else { "horizontal" }
            data-size=size.as_str()
        >
            {children()}
        </div>
    }
}

/// A tab of a [`TabList`]: selecting it shows the [`TabPanel`] with the same `value`.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Two() -> impl IntoView {
///     view! {
///         <Tabs>
///             <TabList label="Pets">
///                 <Tab value="cats">"Cats"</Tab>
///                 <Tab value="dogs" disabled=true>"Dogs"</Tab>
///             </TabList>
///             <TabPanel value="cats">"Meow."</TabPanel>
///             <TabPanel value="dogs">"Woof."</TabPanel>
///         </Tabs>
///     }
/// }
/// ```
#[component]
pub fn Tab(
    /// Which panel it shows.
    #[prop(into)]
    value: String,
    /// Whether it can be selected.
    #[prop(optional)]
    disabled: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    let Some(tabs) = use_tabs() else {
        return view! { <button type="button" disabled=disabled>{children()}</button> }.into_any();
    };
    tabs.tabs
        .update_value(|all| all.push((value.clone(), disabled)));
    if !disabled && tabs.value.is_none() && tabs.own.get_untracked().is_none() {
        tabs.own.set(Some(value.clone()));
    }
    {
        let (tabs, value) = (tabs.clone(), value.clone());
        on_cleanup(move || {
            tabs.tabs
                .try_update_value(|all| all.retain(|(v, _)| *v != value));
        });
    }
    let selected = {
        let (tabs, value) = (tabs.clone(), value.clone());
        Memo::new(move |_| tabs.selected().as_deref() == Some(value.as_str()))
    };
    // When no enabled tab is selected (a `value` naming no tab, or a disabled one), the first
    // enabled tab takes the tab stop, so the list stays reachable by keyboard. Read when the
    // tabindex renders, after every tab of the list has registered.
    let tab_stop = {
        let (tabs, value) = (tabs.clone(), value.clone());
        move || {
            if selected.get() {
                return true;
            }
            let chosen = tabs.selected();
            tabs.tabs.with_value(|all| {
                let enabled = || all.iter().filter(|(_, disabled)| !disabled);
                !enabled().any(|(v, _)| chosen.as_deref() == Some(v.as_str()))
                    && enabled().next().is_some_and(|(v, _)| *v == value)
            })
        }
    };
    let id = tabs.tab_id(&value);
    let panel = tabs.panel_id(&value);
    let on_click = {
        let (tabs, value) = (tabs.clone(), value.clone());
        move |_| tabs.select(value.clone())
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let all = tabs.tabs.get_value();
        let current = all.iter().position(|(v, _)| *v == value);
        let orientation = if tabs.orientation == Orientation::Vertical {
            Orientation::Both
        } else {
            Orientation::Horizontal
        };
        let next = roving_index(&ev.key(), current, all.len(), orientation, |i| {
            all.get(i).is_none_or(|(_, disabled)| *disabled)
        });
        if let Some((next, _)) = next.and_then(|next| all.get(next)) {
            ev.prevent_default();
            tabs.select(next.clone());
            focus_by_id(&tabs.tab_id(next));
        }
    };
    view! {
        <button
            type="button"
            class=class_list("kiln-tab", class.as_deref())
            role="tab"
            id=id
            aria-controls=panel
            aria-selected=move || selected.get().to_string()
            tabindex=move || if tab_stop() { "0" } else { "-1" }
            data-state=move || if selected.get() { "active" } else { "inactive" }
            disabled=disabled
            on:click=on_click
            on:keydown=on_keydown
        >
            {children()}
        </button>
    }
    .into_any()
}

/// The content shown while the [`Tab`] with the same `value` is selected (`role="tabpanel"`,
/// named by its tab). Hidden panels are still in the page, `hidden`.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn One() -> impl IntoView {
///     view! {
///         <Tabs>
///             <TabList label="Docs"><Tab value="intro">"Intro"</Tab></TabList>
///             <TabPanel value="intro">"Welcome."</TabPanel>
///         </Tabs>
///     }
/// }
/// ```
#[component]
pub fn TabPanel(
    /// The value of the tab that shows it.
    #[prop(into)]
    value: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let Some(tabs) = use_tabs() else {
        return view! { <div>{children()}</div> }.into_any();
    };
    let id = tabs.panel_id(&value);
    let tab = tabs.tab_id(&value);
    let selected = Memo::new(move |_| tabs.selected().as_deref() == Some(value.as_str()));
    view! {
        <div
            class=class_list("kiln-tab-panel", class.as_deref())
            role="tabpanel"
            id=id
            aria-labelledby=tab
            tabindex="0"
            hidden=move || !selected.get()
            data-state=move || if selected.get() { "active" } else { "inactive" }
        >
            {children()}
        </div>
    }
    .into_any()
}

/// What an [`Accordion`]'s items share.
#[derive(Clone)]
struct AccordionContext {
    /// The `name` that makes the items exclusive (one open at a time), if they are.
    name: Option<String>,
    /// The values of the open items.
    open: RwSignal<Vec<String>>,
    on_change: Option<Callback<Vec<String>>>,
}

/// Is the `<details>` element that fired `ev` open?
fn details_open(ev: &leptos::ev::Event) -> Option<bool> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let target = ev.target()?;
        let details = target.dyn_ref::<web_sys::HtmlDetailsElement>()?;
        Some(details.open())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// Stacked sections, each a heading that shows or hides its content: FAQs, settings groups.
///
/// Each [`AccordionItem`] is a native `<details>` element, so it opens and closes with the
/// mouse, Enter and Space, with or without JavaScript, and the browser's find-in-page opens it.
/// One item is open at a time, unless `multiple`; `on_change` reports the open items' values.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Faq() -> impl IntoView {
///     view! {
///         <Accordion>
///             <AccordionItem title="Is it free?" open=true>"Yes."</AccordionItem>
///             <AccordionItem title="Does it work offline?">"Once loaded, yes."</AccordionItem>
///         </Accordion>
///     }
/// }
/// ```
#[component]
pub fn Accordion(
    /// Whether several items can be open at once (default: one at a time).
    #[prop(optional)]
    multiple: bool,
    /// Called with the open items' values after one opens or closes.
    #[prop(optional, into)]
    on_change: Option<Callback<Vec<String>>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`AccordionItem`]s.
    children: Children,
) -> impl IntoView {
    let name = (!multiple).then(|| use_id("accordion"));
    provide_context(AccordionContext {
        name,
        open: RwSignal::new(Vec::new()),
        on_change,
    });
    view! { <div class=class_list("kiln-accordion", class.as_deref())>{children()}</div> }
}

/// A section of an [`Accordion`]: its `title` (a button) and its content.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Shipping() -> impl IntoView {
///     view! {
///         <Accordion multiple=true>
///             <AccordionItem title="Shipping" value="shipping">"Two days."</AccordionItem>
///         </Accordion>
///     }
/// }
/// ```
#[component]
pub fn AccordionItem(
    /// The heading, which opens and closes it.
    #[prop(into)]
    title: String,
    /// Its value in `on_change` (default: its title).
    #[prop(optional, into)]
    value: Option<String>,
    /// Open at first.
    #[prop(optional)]
    open: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let context = use_context::<AccordionContext>();
    let value = value.unwrap_or_else(|| title.clone());
    if open && let Some(context) = &context {
        context.open.update(|all| all.push(value.clone()));
    }
    let trigger = use_id("accordion-trigger");
    let content = format!("{trigger}-content");
    let name = context.as_ref().and_then(|context| context.name.clone());
    let on_toggle = move |ev: leptos::ev::Event| {
        let (Some(context), Some(now_open)) = (&context, details_open(&ev)) else {
            return;
        };
        let was_open = context.open.with_untracked(|all| all.contains(&value));
        if was_open == now_open {
            return;
        }
        context.open.update(|all| {
            all.retain(|v| *v != value);
            if now_open {
                all.push(value.clone());
            }
        });
        if let Some(on_change) = context.on_change {
            on_change.run(context.open.get_untracked());
        }
    };
    view! {
        <details
            class=class_list("kiln-accordion-item", class.as_deref())
            name=name
            open=open
            on:toggle=on_toggle
        >
            <summary class="kiln-accordion-trigger" id=trigger.clone()>
                <span class="kiln-accordion-title">{title}</span>
                {Glyph::ChevronDown.view()}
            </summary>
            <div class="kiln-accordion-content" id=content role="region" aria-labelledby=trigger>
                {children()}
            </div>
        </details>
    }
}

/// A trigger that shows and hides its content: a native `<details>`, so it works with the
/// mouse, Enter and Space, with or without JavaScript.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Details() -> impl IntoView {
///     view! {
///         <Collapsible trigger="Show the stack trace" on_change=|open| leptos::logging::log!("{open}")>
///             <pre>"..."</pre>
///         </Collapsible>
///     }
/// }
/// ```
#[component]
pub fn Collapsible(
    /// The trigger's label.
    #[prop(into)]
    trigger: String,
    /// Open at first.
    #[prop(optional)]
    open: bool,
    /// Called with whether it is open after it opens or closes.
    #[prop(optional, into)]
    on_change: Option<Callback<bool>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let on_toggle = move |ev: leptos::ev::Event| {
        if let (Some(on_change), Some(open)) = (on_change, details_open(&ev)) {
            on_change.run(open);
        }
    };
    view! {
        <details
            class=class_list("kiln-collapsible", class.as_deref())
            open=open
            on:toggle=on_toggle
        >
            <summary class="kiln-collapsible-trigger">
                {Glyph::ChevronRight.view()}
                <span>{trigger}</span>
            </summary>
            <div class="kiln-collapsible-content">{children()}</div>
        </details>
    }
}

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

/// An entry of a [`pagination_range`]: a page number, or a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageItem {
    /// The page with this number (from 1).
    Page(usize),
    /// Pages left out ("…").
    Ellipsis,
}

/// The most siblings and boundaries a pagination shows.
const MAX_SHOWN: usize = 100;

/// The page numbers a [`Pagination`] shows: the first and last `boundaries` pages, `siblings`
/// pages either side of `current`, and ellipses for the gaps (a gap of one page shows that
/// page instead). Pages count from 1; `current` is clamped to `1..=total`. The entries are as
/// many wherever `current` is, so the links do not jump around. `siblings` and `boundaries`
/// count at most 100.
///
/// ```
/// use kiln_ui::{PageItem::{Ellipsis, Page}, pagination_range};
/// assert_eq!(pagination_range(5, 10, 1, 1), [Page(1), Ellipsis, Page(4), Page(5), Page(6), Ellipsis, Page(10)]);
/// assert_eq!(pagination_range(1, 10, 1, 1), [Page(1), Page(2), Page(3), Page(4), Page(5), Ellipsis, Page(10)]);
/// assert_eq!(pagination_range(2, 3, 1, 1), [Page(1), Page(2), Page(3)]);
/// ```
pub fn pagination_range(
    current: usize,
    total: usize,
    siblings: usize,
    boundaries: usize,
) -> Vec<PageItem> {
    if total == 0 {
        return Vec::new();
    }
    // Signed arithmetic: the formulas go below zero for short ranges.
    let total = total.min(i64::MAX as usize / 4) as i64;
    let current = (current as i64).clamp(1, total);
    let siblings = siblings.min(MAX_SHOWN) as i64;
    let boundaries = boundaries.min(MAX_SHOWN) as i64;
    let end_first = (total - boundaries + 1).max(boundaries + 1);
    let siblings_start = (current - siblings)
        .min(total - boundaries - siblings * 2 - 1)
        .max(boundaries + 2);
    let siblings_end =
        (current + siblings)
            .max(boundaries + siblings * 2 + 2)
            .min(if end_first <= total {
                end_first - 2
            } else {
                total - 1
            });
    let mut pages: Vec<Option<i64>> = (1..=boundaries.min(total)).map(Some).collect();
    if siblings_start > boundaries + 2 {
        pages.push(None);
    } else if boundaries + 1 < total - boundaries {
        pages.push(Some(boundaries + 1));
    }
    pages.extend((siblings_start..=siblings_end).map(Some));
    if siblings_end < total - boundaries - 1 {
        pages.push(None);
    } else if total - boundaries > boundaries {
        pages.push(Some(total - boundaries));
    }
    pages.extend((end_first..=total).map(Some));
    // Rebuilt from the pages alone, so that it is increasing and every gap is one ellipsis.
    let mut items = Vec::with_capacity(pages.len() + 2);
    let mut last = 0;
    for page in pages.into_iter().flatten() {
        if page <= last || page > total {
            continue;
        }
        if page > last + 1 {
            items.push(PageItem::Ellipsis);
        }
        items.push(PageItem::Page(page as usize));
        last = page;
    }
    if items.is_empty() {
        items.push(PageItem::Page(current as usize));
        last = current;
    }
    if last < total {
        items.push(PageItem::Ellipsis);
    }
    items
}

/// Links to the pages of a long list: previous, page numbers with ellipses for long ranges,
/// next (`<nav aria-label="Pagination">`). The current page has `aria-current="page"`.
///
/// Every link is a real `href` (from `href`), so it works without JavaScript and can be opened
/// in a new tab; with `on_change`, a plain click calls it instead of following the link.
/// Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Results() -> impl IntoView {
///     view! { <Pagination page=3 total=12 href=|page: usize| format!("/search?page={page}")/> }
/// }
/// ```
#[component]
pub fn Pagination(
    /// The current page, from 1.
    #[prop(into)]
    page: Signal<usize>,
    /// How many pages there are.
    #[prop(into)]
    total: Signal<usize>,
    /// Each page's URL.
    #[prop(into)]
    href: Callback<usize, String>,
    /// Called with a page when a link to it is clicked (instead of following the link).
    #[prop(optional, into)]
    on_change: Option<Callback<usize>>,
    /// How many pages to show either side of the current one (default 1).
    #[prop(default = 1)]
    siblings: usize,
    /// How many pages to show at each end (default 1).
    #[prop(default = 1)]
    boundaries: usize,
    /// The navigation's name (default "Pagination").
    #[prop(default = "Pagination".into(), into)]
    label: String,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let go = move |target: usize| {
        move |ev: leptos::ev::MouseEvent| {
            let plain = ev.button() == 0
                && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
            if let Some(on_change) = on_change
                && plain
            {
                ev.prevent_default();
                on_change.run(target);
            }
        }
    };
    let edge = move |target: Option<usize>,
                     rel: &'static str,
                     label: &'static str,
                     glyph: Glyph| {
        match target {
        Some(target) => view! {
            <a
                class="kiln-pagination-link"
                data-edge=""
                href=href.run(target)
                aria-label=label
                rel=rel
                on:click=go(target)
            >
                {glyph.view()}
            </a>
        }
        .into_any(),
        None => view! {
            <a class="kiln-pagination-link" data-edge="" role="link" aria-disabled="true" aria-label=label>
                {glyph.view()}
            </a>
        }
        .into_any(),
    }
    };
    let items = move || {
        let total = total.get();
        let current = page.get().clamp(1, total.max(1));
        let previous = (current > 1).then(|| current - 1);
        let next = (current < total).then(|| current + 1);
        let numbers = pagination_range(current, total, siblings, boundaries)
            .into_iter()
            .map(|item| match item {
                PageItem::Page(number) => {
                    let here = number == current;
                    view! {
                        <li>
                            <a
                                class="kiln-pagination-link"
                                href=href.run(number)
                                aria-current=here.then_some("page")
                                aria-label=format!("Page {number}")
                                on:click=go(number)
                            >
                                {number}
                            </a>
                        </li>
                    }
                    .into_any()
                }
                PageItem::Ellipsis => view! {
                    <li><span class="kiln-pagination-ellipsis" aria-hidden="true">"…"</span></li>
                }
                .into_any(),
            })
            .collect_view();
        view! {
            <li>{edge(previous, "prev", "Previous page", Glyph::ChevronLeft)}</li>
            {numbers}
            <li>{edge(next, "next", "Next page", Glyph::ChevronRight)}</li>
        }
    };
    view! {
        <nav
            class=class_list("kiln-pagination", class.as_deref())
            aria-label=label
            data-size=size.as_str()
        >
            <ul class="kiln-pagination-list">{items}</ul>
        </nav>
    }
}

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

#[cfg(test)]
mod tests {
    use super::PageItem::{Ellipsis, Page};
    use super::*;

    fn pages(items: &[PageItem]) -> String {
        items
            .iter()
            .map(|item| match item {
                Page(n) => n.to_string(),
                Ellipsis => "…".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn short_ranges_show_every_page() {
        assert_eq!(pages(&pagination_range(1, 1, 1, 1)), "1");
        assert_eq!(pages(&pagination_range(1, 2, 1, 1)), "1 2");
        assert_eq!(pages(&pagination_range(4, 7, 1, 1)), "1 2 3 4 5 6 7");
        assert!(pagination_range(1, 0, 1, 1).is_empty());
    }

    #[test]
    fn long_ranges_keep_the_same_length() {
        let expected = [
            (1, "1 2 3 4 5 … 20"),
            (3, "1 2 3 4 5 … 20"),
            (4, "1 2 3 4 5 … 20"),
            (5, "1 … 4 5 6 … 20"),
            (16, "1 … 15 16 17 … 20"),
            (17, "1 … 16 17 18 19 20"),
            (20, "1 … 16 17 18 19 20"),
        ];
        for (current, text) in expected {
            let range = pagination_range(current, 20, 1, 1);
            assert_eq!(pages(&range), text, "page {current}");
            assert_eq!(range.len(), 7);
        }
    }

    #[test]
    fn siblings_and_boundaries_widen_the_range() {
        assert_eq!(
            pages(&pagination_range(10, 20, 2, 2)),
            "1 2 … 8 9 10 11 12 … 19 20"
        );
        assert_eq!(pages(&pagination_range(10, 20, 0, 0)), "… 10 …");
        assert_eq!(pages(&pagination_range(1, 20, 0, 1)), "1 2 3 … 20");
    }

    #[test]
    fn bad_input_is_clamped() {
        assert_eq!(pages(&pagination_range(0, 5, 1, 1)), "1 2 3 4 5");
        assert_eq!(pages(&pagination_range(99, 20, 1, 1)), "1 … 16 17 18 19 20");
        let huge = pagination_range(usize::MAX, usize::MAX, usize::MAX, usize::MAX);
        assert!(!huge.is_empty());
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(id_part("a b/c"), "a-b-c");
        assert_eq!(id_part("tab_1-x"), "tab_1-x");
    }
}

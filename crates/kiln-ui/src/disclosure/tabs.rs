//! Tabs: [`Tabs`], its [`TabList`] of [`Tab`]s, and their [`TabPanel`]s.

use super::{focus_by_id, id_part};
use crate::focus::{Orientation, roving_index};
use crate::id::use_id;
use crate::props::{Size, class_list};
use leptos::prelude::*;

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

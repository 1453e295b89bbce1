//! Menus: `DropdownMenu` (opened by a button) and `ContextMenu` (opened by a right-click, or
//! Shift+F10 / the context-menu key), sharing the same items.

use super::position::{Rect, Side};
use super::{notify_changes, part_context, trigger_and_content_ids};
use crate::focus::{Orientation, roving_index, typeahead_index};
use crate::glyph::Glyph;
use crate::props::{Align, Color, Size, Variant, class_list};
use leptos::prelude::*;
use std::sync::Arc;

mod context;

pub use context::{ContextMenu, ContextMenuContent, ContextMenuTrigger};

/// Shared by a menu's trigger, content and items.
#[derive(Clone)]
struct MenuContext {
    open: RwSignal<bool>,
    trigger_id: Arc<str>,
    content_id: Arc<str>,
    side: Side,
    align: Align,
    /// Where a context menu was asked for (the pointer, or the target's box).
    anchor: StoredValue<Option<Rect>>,
    /// Open with the last item focused (ArrowUp on the trigger).
    focus_last: StoredValue<bool>,
    /// A context menu is a `popover="manual"` that closes itself on a press outside (an `auto`
    /// popover would close on the release of the right-click that opened it).
    manual: bool,
}

impl MenuContext {
    fn new(
        prefix: &str,
        open: Option<RwSignal<bool>>,
        on_open_change: Option<Callback<bool>>,
        side: Side,
        align: Align,
        manual: bool,
    ) -> Self {
        let (trigger_id, content_id) = trigger_and_content_ids(prefix);
        let ctx = MenuContext {
            open: open.unwrap_or_else(|| RwSignal::new(false)),
            trigger_id,
            content_id,
            side,
            align,
            anchor: StoredValue::new(None),
            focus_last: StoredValue::new(false),
            manual,
        };
        #[cfg(feature = "hydrate")]
        {
            super::sync_popover(ctx.open, ctx.content_id.clone());
            let reposition = ctx.clone();
            super::reposition_while_open(ctx.open, move || reposition.position());
            if manual {
                let outside = ctx.clone();
                let press = window_event_listener(leptos::ev::pointerdown, move |event| {
                    if !outside.open.get_untracked() {
                        return;
                    }
                    let target = crate::dom::target_element(&event);
                    let inside = crate::dom::by_id(&outside.content_id).is_some_and(|menu| {
                        target.is_some_and(|t| menu.contains(Some(t.as_ref())))
                    });
                    if !inside {
                        outside.open.set(false);
                    }
                });
                on_cleanup(move || press.remove());
            }
        }
        notify_changes(ctx.open, on_open_change);
        provide_context(ctx.clone());
        ctx
    }

    /// Places the menu at its anchor point, or beside its trigger.
    #[cfg(feature = "hydrate")]
    fn position(&self) {
        use super::position::dom;
        match self.anchor.get_value() {
            Some(anchor) => {
                dom::position_at(anchor, &self.content_id, Side::Bottom, Align::Start, 0.0)
            }
            None => dom::position(
                &self.trigger_id,
                &self.content_id,
                self.side,
                self.align,
                4.0,
            ),
        }
    }

    /// The menu's items, in order.
    #[cfg(feature = "hydrate")]
    fn items(&self) -> Vec<web_sys::HtmlElement> {
        crate::dom::by_id(&self.content_id)
            .map(|menu| {
                crate::dom::descendants(&menu, &|el| {
                    el.get_attribute("role")
                        .is_some_and(|role| role.starts_with("menuitem"))
                })
            })
            .unwrap_or_default()
    }

    /// Closes the menu and puts focus back on its trigger.
    fn close(&self) {
        self.dismiss();
        #[cfg(feature = "hydrate")]
        crate::dom::focus_id(&self.trigger_id);
    }

    /// Closes the menu and leaves focus alone (Tab moves it on).
    fn dismiss(&self) {
        self.open.set(false);
        #[cfg(feature = "hydrate")]
        crate::dom::set_popover(&self.content_id, false);
    }
}

#[cfg(feature = "hydrate")]
fn is_disabled(item: &web_sys::HtmlElement) -> bool {
    item.get_attribute("aria-disabled").as_deref() == Some("true")
}

fn menu_context(component: &str) -> Option<MenuContext> {
    part_context(component, "a <DropdownMenu> or <ContextMenu>")
}

/// A menu of actions that opens from a button, per the WAI-ARIA menu button pattern.
///
/// Enter, Space or ArrowDown on the trigger open it on the first item, ArrowUp on the last;
/// arrows move (wrapping), Home and End jump, typing a letter moves to the next item starting
/// with it; Enter or Space runs an item (its `on_select`) and closes; Escape closes and puts
/// focus back on the trigger; Tab closes and lets focus move on to the next element. A click
/// outside closes it (`popover="auto"`).
///
/// Compose it from [`DropdownMenuTrigger`], [`DropdownMenuContent`] and the items:
/// [`MenuItem`], [`MenuCheckboxItem`], [`MenuRadioGroup`] with [`MenuRadioItem`]s,
/// [`MenuLabel`], [`MenuSeparator`].
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Actions() -> impl IntoView {
///     let wrap = RwSignal::new(true);
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"Actions"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuItem on_select=move |_| leptos::logging::log!("copied")>"Copy"</MenuItem>
///                 <MenuItem disabled=true>"Paste"</MenuItem>
///                 <MenuSeparator/>
///                 <MenuCheckboxItem checked=wrap on_change=move |on| wrap.set(on)>"Word wrap"</MenuCheckboxItem>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn DropdownMenu(
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The side of the trigger it opens on (default below); it flips when there is no room.
    #[prop(optional)]
    side: Side,
    /// Its alignment along that side (default start).
    #[prop(default = Align::Start)]
    align: Align,
    /// The trigger and content.
    children: Children,
) -> impl IntoView {
    MenuContext::new("menu", open, on_open_change, side, align, false);
    children()
}

/// The button that opens its [`DropdownMenu`]: `aria-haspopup="menu"`, `aria-expanded`,
/// `aria-controls`; a click toggles the menu natively (`popovertarget`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn More() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger variant=Variant::Soft>"More"</DropdownMenuTrigger>
///             <DropdownMenuContent><MenuItem>"Archive"</MenuItem></DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn DropdownMenuTrigger(
    /// How filled it is (default solid).
    #[prop(optional)]
    variant: Variant,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label (a chevron follows it).
    children: Children,
) -> impl IntoView {
    let ctx = menu_context("DropdownMenuTrigger");
    let open = ctx.as_ref().map(|c| c.open);
    let keys = ctx.clone();
    view! {
        <button
            type="button"
            class=class_list("kiln-button kiln-menu-trigger", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            id=ctx.as_ref().map(|c| c.trigger_id.to_string())
            popovertarget=ctx.as_ref().map(|c| c.content_id.to_string())
            aria-haspopup="menu"
            aria-expanded=move || open.is_some_and(|o| o.get()).to_string()
            aria-controls=ctx.as_ref().map(|c| c.content_id.to_string())
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                let Some(ctx) = &keys else { return };
                let key = event.key();
                if key == "ArrowDown" || key == "ArrowUp" {
                    event.prevent_default();
                    ctx.focus_last.set_value(key == "ArrowUp");
                    #[cfg(feature = "hydrate")]
                    if crate::dom::popover_open(&ctx.content_id) {
                        focus_edge(ctx);
                        return;
                    }
                    ctx.open.set(true);
                }
            }
        >
            {children()}
            {Glyph::ChevronDown.view()}
        </button>
    }
}

/// The list of a menu (`role="menu"`, a `popover` panel), rendered closed right after
/// the trigger, so its items are hidden and out of the tab order until it opens. Used by both
/// [`DropdownMenu`] and [`ContextMenu`] (as [`ContextMenuContent`]).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Sort() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"Sort"</DropdownMenuTrigger>
///             <DropdownMenuContent size=Size::S1>
///                 <MenuItem>"Name"</MenuItem>
///                 <MenuItem>"Date"</MenuItem>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn DropdownMenuContent(
    /// Its accessible name (default: the trigger's label).
    #[prop(optional, into)]
    label: Option<String>,
    /// Its items' size: `S1` to `S3`; default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    children: Children,
) -> impl IntoView {
    menu_content("DropdownMenuContent", label, size, class, children)
}

fn menu_content(
    component: &str,
    label: Option<String>,
    size: Size,
    class: Option<String>,
    children: Children,
) -> impl IntoView {
    let ctx = menu_context(component);
    let labelled_by = match label {
        Some(_) => None,
        None => ctx.as_ref().map(|c| c.trigger_id.to_string()),
    };
    let (toggle, keys) = (ctx.clone(), ctx.clone());
    let mode = if ctx.as_ref().is_some_and(|c| c.manual) {
        "manual"
    } else {
        "auto"
    };
    view! {
        <div
            id=ctx.as_ref().map(|c| c.content_id.to_string())
            class=class_list("kiln-menu", class.as_deref())
            role="menu"
            popover=mode
            aria-label=label
            aria-labelledby=labelled_by
            aria-orientation="vertical"
            data-size=size.as_str()
            on:toggle=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(ctx) = &toggle {
                    on_menu_toggle(ctx);
                }
                let _ = &toggle;
            }
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                if let Some(ctx) = &keys {
                    on_menu_key(ctx, &event);
                }
            }
        >
            {children()}
        </div>
    }
}

/// The browser opened or closed the menu: follow it, place it, focus its first (or last) item.
#[cfg(feature = "hydrate")]
fn on_menu_toggle(ctx: &MenuContext) {
    if !super::follow_popover(ctx.open, &ctx.content_id) {
        ctx.anchor.set_value(None);
        return;
    }
    ctx.position();
    focus_edge(ctx);
}

/// Focuses the menu's first item (or its last, after ArrowUp on the trigger).
#[cfg(feature = "hydrate")]
fn focus_edge(ctx: &MenuContext) {
    let last = ctx.focus_last.get_value();
    ctx.focus_last.set_value(false);
    let items = ctx.items();
    let key = if last { "End" } else { "Home" };
    if let Some(i) = roving_index(key, None, items.len(), Orientation::Vertical, |i| {
        is_disabled(&items[i])
    }) {
        let _ = items[i].focus();
    }
}

/// Keyboard navigation inside an open menu.
fn on_menu_key(ctx: &MenuContext, event: &leptos::ev::KeyboardEvent) {
    let key = event.key();
    match key.as_str() {
        "Escape" => {
            event.prevent_default();
            ctx.close();
        }
        // WAI-ARIA APG menu button: Tab closes the menu and focus moves on as Tab moves it.
        "Tab" => ctx.dismiss(),
        #[cfg(feature = "hydrate")]
        _ => {
            let items = ctx.items();
            let active = crate::dom::active_element();
            let current = items.iter().position(|item| Some(item) == active.as_ref());
            if key == "Enter" || key == " " {
                event.prevent_default();
                if let Some(i) = current {
                    items[i].click();
                }
                return;
            }
            let disabled = |i: usize| is_disabled(&items[i]);
            let to = roving_index(&key, current, items.len(), Orientation::Vertical, disabled)
                .or_else(|| {
                    if event.ctrl_key() || event.meta_key() || event.alt_key() {
                        return None;
                    }
                    let labels: Vec<String> = items
                        .iter()
                        .map(|item| item.text_content().unwrap_or_default().trim().to_owned())
                        .collect();
                    typeahead_index(&key, current, &labels).filter(|&i| !disabled(i))
                });
            if let Some(i) = to {
                event.prevent_default();
                let _ = items[i].focus();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        _ => {}
    }
}

/// The common part of every item: role, focusability, activation on click.
fn item_view(
    role: &'static str,
    class: Option<String>,
    disabled: Signal<bool>,
    checked: Option<Signal<bool>>,
    color: Option<Color>,
    activate: impl Fn() + Send + Sync + 'static,
    children: impl IntoView + 'static,
) -> impl IntoView {
    let ctx = menu_context("MenuItem");
    view! {
        <div
            class=class_list("kiln-menu-item", class.as_deref())
            role=role
            data-accent=color.map(Color::as_str)
            tabindex="-1"
            aria-disabled=move || disabled.get().then_some("true")
            aria-checked=move || checked.map(|checked| checked.get().to_string())
            on:click=move |_| {
                if disabled.get_untracked() {
                    return;
                }
                activate();
                if let Some(ctx) = &ctx {
                    ctx.close();
                }
            }
        >
            {children}
        </div>
    }
}

/// An action in a menu (`role="menuitem"`): `on_select` runs on click, Enter or Space, then the
/// menu closes. A disabled item stays in the menu (announced as unavailable), is skipped by the
/// arrow keys and does nothing.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn File() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"File"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuItem on_select=move |_| leptos::logging::log!("new")>"New"</MenuItem>
///                 <MenuItem disabled=true>"Revert"</MenuItem>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn MenuItem(
    /// Runs when the item is chosen.
    #[prop(optional, into)]
    on_select: Option<Callback<()>>,
    /// Unavailable (default no).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its accent palette (e.g. red for a destructive action).
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    let activate = move || {
        if let Some(callback) = on_select {
            callback.run(());
        }
    };
    let label = view! { <span class="kiln-menu-item-label">{children()}</span> };
    item_view("menuitem", class, disabled, None, color, activate, label)
}

/// An on/off option in a menu (`role="menuitemcheckbox"`, `aria-checked`), with a check mark.
/// Pass `checked` to control it, and read changes in `on_change`; without `checked` it keeps
/// its own state.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn View() -> impl IntoView {
///     let grid = RwSignal::new(false);
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"View"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuCheckboxItem checked=grid on_change=move |on| grid.set(on)>"Show grid"</MenuCheckboxItem>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn MenuCheckboxItem(
    /// Whether it is checked (default: its own state, starting off).
    #[prop(optional, into)]
    checked: Option<Signal<bool>>,
    /// Called with the new state when it is toggled.
    #[prop(optional, into)]
    on_change: Option<Callback<bool>>,
    /// Unavailable (default no).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    let own = RwSignal::new(checked.map(|c| c.get_untracked()).unwrap_or(false));
    let state = Signal::derive(move || checked.map_or_else(|| own.get(), |c| c.get()));
    let activate = move || {
        let next = !state.get_untracked();
        own.set(next);
        if let Some(callback) = on_change {
            callback.run(next);
        }
    };
    let label = view! {
        <span class="kiln-menu-item-indicator">{Glyph::Check.view()}</span>
        <span class="kiln-menu-item-label">{children()}</span>
    };
    item_view(
        "menuitemcheckbox",
        class,
        disabled,
        Some(state),
        None,
        activate,
        label,
    )
}

/// The state of a [`MenuRadioGroup`], read by its items.
#[derive(Clone, Copy)]
struct RadioGroupContext {
    value: Signal<String>,
    set: Callback<String>,
}

/// A group of mutually exclusive options (`role="group"`) of [`MenuRadioItem`]s. Pass `value`
/// to control it, and read changes in `on_change`; without `value` it keeps its own state.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Density() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"Density"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuRadioGroup label="Density" value="compact" on_change=move |v: String| leptos::logging::log!("{v}")>
///                     <MenuRadioItem value="compact">"Compact"</MenuRadioItem>
///                     <MenuRadioItem value="comfortable">"Comfortable"</MenuRadioItem>
///                 </MenuRadioGroup>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn MenuRadioGroup(
    /// The group's accessible name.
    #[prop(optional, into)]
    label: Option<String>,
    /// The chosen item's value (default: its own state, starting with none).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the chosen item's value.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The [`MenuRadioItem`]s.
    children: Children,
) -> impl IntoView {
    let own = RwSignal::new(value.map(|v| v.get_untracked()).unwrap_or_default());
    let current = Signal::derive(move || value.map_or_else(|| own.get(), |v| v.get()));
    provide_context(RadioGroupContext {
        value: current,
        set: Callback::new(move |v: String| {
            own.set(v.clone());
            if let Some(callback) = on_change {
                callback.run(v);
            }
        }),
    });
    view! { <div role="group" aria-label=label class="kiln-menu-group">{children()}</div> }
}

/// One option of a [`MenuRadioGroup`] (`role="menuitemradio"`, `aria-checked`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Theme() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"Theme"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuRadioGroup value="dark">
///                     <MenuRadioItem value="light">"Light"</MenuRadioItem>
///                     <MenuRadioItem value="dark">"Dark"</MenuRadioItem>
///                 </MenuRadioGroup>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn MenuRadioItem(
    /// The value it stands for.
    #[prop(into)]
    value: String,
    /// Unavailable (default no).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    let group = use_context::<RadioGroupContext>();
    let mine = value.clone();
    let checked = Signal::derive(move || group.is_some_and(|g| g.value.get() == mine));
    let activate = move || {
        if let Some(group) = group {
            group.set.run(value.clone());
        }
    };
    let label = view! {
        <span class="kiln-menu-item-indicator"><span class="kiln-menu-radio-dot"></span></span>
        <span class="kiln-menu-item-label">{children()}</span>
    };
    item_view(
        "menuitemradio",
        class,
        disabled,
        Some(checked),
        None,
        activate,
        label,
    )
}

/// A heading inside a menu (not focusable, skipped by the keys).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Account() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"Account"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuLabel>"ada@example.com"</MenuLabel>
///                 <MenuItem>"Sign out"</MenuItem>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn MenuLabel(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its text.
    children: Children,
) -> impl IntoView {
    view! { <div role="none" class=class_list("kiln-menu-label", class.as_deref())>{children()}</div> }
}

/// A line between groups of menu items (`role="separator"`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Edit() -> impl IntoView {
///     view! {
///         <DropdownMenu>
///             <DropdownMenuTrigger>"Edit"</DropdownMenuTrigger>
///             <DropdownMenuContent>
///                 <MenuItem>"Undo"</MenuItem>
///                 <MenuSeparator/>
///                 <MenuItem>"Cut"</MenuItem>
///             </DropdownMenuContent>
///         </DropdownMenu>
///     }
/// }
/// ```
#[component]
pub fn MenuSeparator() -> impl IntoView {
    view! { <div role="separator" class="kiln-menu-separator"></div> }
}

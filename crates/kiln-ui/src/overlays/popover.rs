//! Non-modal panels on the `popover` attribute: `Popover`, `HoverCard` and `Tooltip`.

use super::position::Side;
use super::{notify_changes, part_context, trigger_and_content_ids};
use crate::id::use_id;
use crate::props::{Align, Color, Size, Variant, class_list};
use leptos::prelude::*;
use std::sync::Arc;

/// Shared by a popover's or hover card's trigger and content.
#[derive(Clone)]
struct PanelContext {
    open: RwSignal<bool>,
    trigger_id: Arc<str>,
    content_id: Arc<str>,
    side: Side,
    align: Align,
    #[cfg(feature = "hydrate")]
    timer: StoredValue<Option<leptos::prelude::TimeoutHandle>>,
    delays: (u64, u64),
}

impl PanelContext {
    fn new(
        prefix: &str,
        open: Option<RwSignal<bool>>,
        on_open_change: Option<Callback<bool>>,
        side: Side,
        align: Align,
        delays: (u64, u64),
    ) -> Self {
        let (trigger_id, content_id) = trigger_and_content_ids(prefix);
        let ctx = PanelContext {
            open: open.unwrap_or_else(|| RwSignal::new(false)),
            trigger_id,
            content_id,
            side,
            align,
            #[cfg(feature = "hydrate")]
            timer: StoredValue::new(None),
            delays,
        };
        #[cfg(feature = "hydrate")]
        {
            let reposition = ctx.clone();
            super::reposition_while_open(ctx.open, move || reposition.position());
            super::sync_popover(ctx.open, ctx.content_id.clone());
        }
        notify_changes(ctx.open, on_open_change);
        provide_context(ctx.clone());
        ctx
    }

    /// Places the panel beside its trigger.
    #[cfg(feature = "hydrate")]
    fn position(&self) {
        super::position::dom::position(
            &self.trigger_id,
            &self.content_id,
            self.side,
            self.align,
            6.0,
        );
    }

    /// Opens (`true`) or closes after the hover card's delay; a later call replaces it.
    #[cfg(feature = "hydrate")]
    fn schedule(&self, open: bool) {
        use std::time::Duration;
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        let signal = self.open;
        let delay = if open { self.delays.0 } else { self.delays.1 };
        let content_id = self.content_id.clone();
        let timer = set_timeout_with_handle(
            move || {
                // Never hide the card with focus inside it (the pointer left, focus stayed).
                if !open && crate::dom::focus_within(&content_id) {
                    return;
                }
                let _ = signal.try_set(open);
            },
            Duration::from_millis(delay),
        )
        .ok();
        self.timer.set_value(timer);
    }

    /// Toggle event of the content: keeps `open` in step with the browser (light dismiss).
    fn on_toggle(&self) -> impl Fn(leptos::ev::Event) + 'static + use<> {
        #[cfg(feature = "hydrate")]
        let ctx = self.clone();
        move |_event| {
            #[cfg(feature = "hydrate")]
            if super::follow_popover(ctx.open, &ctx.content_id) {
                ctx.position();
            }
        }
    }
}

fn panel_context(component: &str) -> Option<PanelContext> {
    part_context(component, "its <Popover> or <HoverCard>")
}

/// A non-modal panel that opens from a button: rich content (text, links, a small form) beside
/// its trigger. It uses the HTML `popover="auto"` attribute, so it sits in the top layer and
/// closes on a click outside or on Escape, even before hydration; the browser side keeps it in
/// the viewport (flipping and shifting, see [`place`](crate::place)).
///
/// Compose it from [`PopoverTrigger`] and [`PopoverContent`] (and optionally [`PopoverClose`]).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Share() -> impl IntoView {
///     view! {
///         <Popover side=Side::Top>
///             <PopoverTrigger>"Share"</PopoverTrigger>
///             <PopoverContent>"Copy the link: https://kiln.rs"</PopoverContent>
///         </Popover>
///     }
/// }
/// ```
#[component]
pub fn Popover(
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The side of the trigger it opens on (default below); it flips when there is no room.
    #[prop(optional)]
    side: Side,
    /// Its alignment along that side: start, center (default) or end.
    #[prop(default = Align::Center)]
    align: Align,
    /// The trigger and content.
    children: Children,
) -> impl IntoView {
    PanelContext::new("popover", open, on_open_change, side, align, (0, 0));
    children()
}

/// The button that toggles its [`Popover`] (natively, through `popovertarget`):
/// `aria-haspopup="dialog"`, `aria-expanded`, `aria-controls`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Info() -> impl IntoView {
///     view! {
///         <Popover>
///             <PopoverTrigger variant=Variant::Soft size=Size::S1>"Info"</PopoverTrigger>
///             <PopoverContent>"Details."</PopoverContent>
///         </Popover>
///     }
/// }
/// ```
#[component]
pub fn PopoverTrigger(
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
    /// Its label.
    children: Children,
) -> impl IntoView {
    let ctx = panel_context("PopoverTrigger");
    let open = ctx.as_ref().map(|c| c.open);
    view! {
        <button
            type="button"
            class=class_list("kiln-button", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            id=ctx.as_ref().map(|c| c.trigger_id.to_string())
            popovertarget=ctx.as_ref().map(|c| c.content_id.to_string())
            aria-haspopup="dialog"
            aria-expanded=move || open.is_some_and(|o| o.get()).to_string()
            aria-controls=ctx.as_ref().map(|c| c.content_id.to_string())
        >
            {children()}
        </button>
    }
}

/// The panel of a [`Popover`]: `role="dialog"`, named by its trigger unless `label` is given;
/// rendered closed, right after the trigger.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Settings() -> impl IntoView {
///     view! {
///         <Popover>
///             <PopoverTrigger>"Settings"</PopoverTrigger>
///             <PopoverContent label="Quick settings">
///                 <label><input type="checkbox"/>" Compact"</label>
///                 <PopoverClose>"Done"</PopoverClose>
///             </PopoverContent>
///         </Popover>
///     }
/// }
/// ```
#[component]
pub fn PopoverContent(
    /// Its accessible name (default: the trigger's label).
    #[prop(optional, into)]
    label: Option<String>,
    /// Its padding and width: `S1` to `S4`; default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// What it shows.
    children: Children,
) -> impl IntoView {
    let ctx = panel_context("PopoverContent");
    let on_toggle = ctx.as_ref().map(|c| c.on_toggle());
    let labelled_by = match label {
        Some(_) => None,
        None => ctx.as_ref().map(|c| c.trigger_id.to_string()),
    };
    view! {
        <div
            id=ctx.as_ref().map(|c| c.content_id.to_string())
            class=class_list("kiln-popover", class.as_deref())
            popover="auto"
            role="dialog"
            aria-label=label
            aria-labelledby=labelled_by
            data-size=size.as_str()
            data-side=ctx.as_ref().map(|c| c.side.as_str())
            on:toggle=move |event| {
                if let Some(on_toggle) = &on_toggle {
                    on_toggle(event);
                }
            }
        >
            {children()}
        </div>
    }
}

/// A button that closes its [`Popover`] (natively, `popovertargetaction="hide"`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Tip() -> impl IntoView {
///     view! {
///         <Popover>
///             <PopoverTrigger>"Tip"</PopoverTrigger>
///             <PopoverContent>"Drag to reorder." <PopoverClose>"Got it"</PopoverClose></PopoverContent>
///         </Popover>
///     }
/// }
/// ```
#[component]
pub fn PopoverClose(
    /// How filled it is (default soft).
    #[prop(default = Variant::Soft)]
    variant: Variant,
    /// Its size (default `S1`).
    #[prop(default = Size::S1)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    let ctx = panel_context("PopoverClose");
    view! {
        <button
            type="button"
            class=class_list("kiln-button", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            popovertarget=ctx.as_ref().map(|c| c.content_id.to_string())
            popovertargetaction="hide"
        >
            {children()}
        </button>
    }
}

/// A preview that opens when the pointer rests on (or keyboard focus reaches) its trigger link,
/// after `open_delay` ms, and closes `close_delay` ms after both the trigger and the card are
/// left, or on Escape. For sighted mouse users' convenience only: what it shows must also be
/// reachable through the link. It is a `popover="manual"` panel (top layer), kept in view.
/// The card is a `<div>` rendered right after the link, so put the hover card inside a `<div>`,
/// not a `<p>` (HTML would split the paragraph).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Author() -> impl IntoView {
///     view! {
///         <HoverCard>
///             <HoverCardTrigger href="/people/ada">"@ada"</HoverCardTrigger>
///             <HoverCardContent>"Ada Lovelace: wrote the first program."</HoverCardContent>
///         </HoverCard>
///     }
/// }
/// ```
#[component]
pub fn HoverCard(
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The side of the trigger it opens on (default below).
    #[prop(optional)]
    side: Side,
    /// Its alignment along that side (default center).
    #[prop(default = Align::Center)]
    align: Align,
    /// Milliseconds of hovering before it opens (default 500).
    #[prop(default = 500)]
    open_delay: u64,
    /// Milliseconds after leaving before it closes (default 300).
    #[prop(default = 300)]
    close_delay: u64,
    /// The trigger and content.
    children: Children,
) -> impl IntoView {
    PanelContext::new(
        "hover-card",
        open,
        on_open_change,
        side,
        align,
        (open_delay, close_delay),
    );
    children()
}

/// Hover and focus handlers that open and close a hover card after its delays.
fn hover_handlers(
    ctx: &Option<PanelContext>,
) -> (
    impl Fn(leptos::ev::Event) + Clone + 'static + use<>,
    impl Fn(leptos::ev::Event) + Clone + 'static + use<>,
) {
    #[cfg(feature = "hydrate")]
    let (enter, leave) = (ctx.clone(), ctx.clone());
    #[cfg(not(feature = "hydrate"))]
    let _ = ctx;
    (
        move |_event| {
            #[cfg(feature = "hydrate")]
            if let Some(ctx) = &enter {
                ctx.schedule(true);
            }
        },
        move |_event| {
            #[cfg(feature = "hydrate")]
            if let Some(ctx) = &leave {
                ctx.schedule(false);
            }
        },
    )
}

/// The link a [`HoverCard`] previews.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Repo() -> impl IntoView {
///     view! {
///         <HoverCard>
///             <HoverCardTrigger href="https://github.com/kiln-rs/kiln">"kiln-rs/kiln"</HoverCardTrigger>
///             <HoverCardContent>"A web framework."</HoverCardContent>
///         </HoverCard>
///     }
/// }
/// ```
#[component]
pub fn HoverCardTrigger(
    /// Where the link goes.
    #[prop(into)]
    href: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The link's text.
    children: Children,
) -> impl IntoView {
    let ctx = panel_context("HoverCardTrigger");
    let (enter, leave) = hover_handlers(&ctx);
    let open = ctx.as_ref().map(|c| c.open);
    let (enter2, leave2) = (enter.clone(), leave.clone());
    view! {
        <a
            href=href
            class=class_list("kiln-hover-card-trigger", class.as_deref())
            id=ctx.as_ref().map(|c| c.trigger_id.to_string())
            on:pointerenter=move |e| enter(e.into())
            on:pointerleave=move |e| leave(e.into())
            on:focus=move |e| enter2(e.into())
            on:blur=move |e| leave2(e.into())
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                if event.key() == "Escape"
                    && let Some(open) = open
                {
                    open.set(false);
                }
            }
        >
            {children()}
        </a>
    }
}

/// The card of a [`HoverCard`]; it stays open while the pointer is on it or focus is inside it
/// (tabbing from the trigger into a link in the card keeps it open).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Preview() -> impl IntoView {
///     view! {
///         <HoverCard side=Side::Right>
///             <HoverCardTrigger href="/docs">"Docs"</HoverCardTrigger>
///             <HoverCardContent size=Size::S3>"Guides and API reference."</HoverCardContent>
///         </HoverCard>
///     }
/// }
/// ```
#[component]
pub fn HoverCardContent(
    /// Its padding and width: `S1` to `S4`; default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// What it shows.
    children: Children,
) -> impl IntoView {
    let ctx = panel_context("HoverCardContent");
    let (enter, leave) = hover_handlers(&ctx);
    let (focus_in, focus_out) = (enter.clone(), leave.clone());
    let on_toggle = ctx.as_ref().map(|c| c.on_toggle());
    view! {
        <div
            id=ctx.as_ref().map(|c| c.content_id.to_string())
            class=class_list("kiln-popover kiln-hover-card", class.as_deref())
            popover="manual"
            data-size=size.as_str()
            data-side=ctx.as_ref().map(|c| c.side.as_str())
            on:pointerenter=move |e| enter(e.into())
            on:pointerleave=move |e| leave(e.into())
            on:focusin=move |e| focus_in(e.into())
            on:focusout=move |e| focus_out(e.into())
            on:toggle=move |event| {
                if let Some(on_toggle) = &on_toggle {
                    on_toggle(event);
                }
            }
        >
            {children()}
        </div>
    }
}

/// A short text label for its child (usually an icon button): `role="tooltip"`, and the child
/// gets `aria-describedby` pointing at it. It shows while the child is hovered (after `delay`
/// ms) or has keyboard focus, and hides on leave, blur or Escape. A `popover="manual"` element,
/// so it sits in the top layer, kept in view.
///
/// The child must be a single element (or a component rendering one): it receives the
/// `aria-describedby` attribute. The tooltip describes; it does not name: an icon button still
/// needs its own `aria-label`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Bell() -> impl IntoView {
///     view! {
///         <Tooltip content="3 unread notifications">
///             <button aria-label="Notifications">"🔔"</button>
///         </Tooltip>
///     }
/// }
/// ```
#[component]
pub fn Tooltip(
    /// The tooltip's text.
    #[prop(into)]
    content: String,
    /// The side of the child it shows on (default above).
    #[prop(default = Side::Top)]
    side: Side,
    /// Milliseconds of hovering before it shows (default 300; focus shows it at once).
    #[prop(default = 300)]
    delay: u64,
    /// Extra classes for the tooltip.
    #[prop(optional, into)]
    class: Option<String>,
    /// The element it describes.
    children: Children,
) -> impl IntoView {
    use leptos::attr::custom::custom_attribute;
    use leptos::tachys::view::add_attr::AddAnyAttr;
    let ctx = PanelContext {
        open: RwSignal::new(false),
        trigger_id: use_id("tooltip-anchor").into(),
        content_id: use_id("tooltip").into(),
        side,
        align: Align::Center,
        #[cfg(feature = "hydrate")]
        timer: StoredValue::new(None),
        delays: (delay, 0),
    };
    #[cfg(feature = "hydrate")]
    {
        let open = ctx.open;
        super::sync_popover(open, ctx.content_id.clone());
        let escape = window_event_listener(leptos::ev::keydown, move |event| {
            if event.key() == "Escape" && open.get_untracked() {
                open.set(false);
            }
        });
        on_cleanup(move || escape.remove());
    }
    let open = ctx.open;
    let on_toggle = ctx.on_toggle();
    #[cfg(feature = "hydrate")]
    let (hover, focus) = (ctx.clone(), ctx.clone());
    let show_on_hover = move |_: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        hover.schedule(true);
    };
    let hide = move || {
        #[cfg(feature = "hydrate")]
        if let Some(timer) = focus.timer.get_value() {
            timer.clear();
        }
        open.set(false);
    };
    let hide2 = hide;
    let described = children().add_any_attr(custom_attribute(
        "aria-describedby",
        ctx.content_id.to_string(),
    ));
    view! {
        <span
            class="kiln-tooltip-anchor"
            id=ctx.trigger_id.to_string()
            on:pointerenter=show_on_hover
            on:pointerleave=move |_| hide()
            on:focusin=move |_| open.set(true)
            on:focusout=move |_| hide2()
        >
            {described}
            <span
                id=ctx.content_id.to_string()
                class=class_list("kiln-tooltip", class.as_deref())
                role="tooltip"
                popover="manual"
                data-side=side.as_str()
                on:toggle=on_toggle
            >
                {content}
            </span>
        </span>
    }
}

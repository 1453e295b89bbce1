//! Overlays: dialogs, alert dialogs, drawers, popovers, hover cards, tooltips, dropdown and
//! context menus, and toasts.
//!
//! Every overlay is rendered closed into the server's HTML, next to its trigger, and uses the
//! platform for the hard parts: modal dialogs are `<dialog>` shown with `showModal()` (top
//! layer, focus trapped by inertness, Escape), panels use the `popover` attribute (top layer,
//! light dismiss). The browser side adds keyboard navigation, focus return and positioning (see
//! [`place`]).

mod dialog;
mod menu;
mod popover;
mod position;
mod toast;

pub use dialog::*;
pub use menu::*;
pub use popover::*;
pub use position::{Placement, Rect, Side, VIEWPORT_MARGIN, place};
pub use toast::*;

use crate::id::use_id;
use leptos::prelude::*;
use std::sync::Arc;

/// The context `component` (a part of an overlay) reads from its overlay: `None`, with a warning
/// in the console, when it is not inside one of `parents`.
fn part_context<T: Clone + 'static>(component: &str, parents: &str) -> Option<T> {
    let ctx = use_context::<T>();
    if ctx.is_none() {
        leptos::logging::warn!("<{component}> must be inside {parents}");
    }
    ctx
}

/// The ids of an overlay's trigger (`kiln-PREFIX-trigger-N`) and content (`kiln-PREFIX-N`), in
/// that order.
fn trigger_and_content_ids(prefix: &str) -> (Arc<str>, Arc<str>) {
    let trigger = use_id(&format!("{prefix}-trigger")).into();
    (trigger, use_id(prefix).into())
}

/// Calls `on_open_change` when `open` changes (not on the first run).
fn notify_changes(open: RwSignal<bool>, on_open_change: Option<Callback<bool>>) {
    if let Some(callback) = on_open_change {
        Effect::new(move |previous: Option<bool>| {
            let now = open.get();
            if previous.is_some_and(|previous| previous != now) {
                callback.run(now);
            }
            now
        });
    }
}

/// Shows or hides the popover `content_id` whenever `open` changes.
#[cfg(feature = "hydrate")]
fn sync_popover(open: RwSignal<bool>, content_id: Arc<str>) {
    Effect::new(move |_| {
        let now = open.get();
        crate::dom::set_popover(&content_id, now);
    });
}

/// Runs `reposition` on every scroll (the page's or any scroll container's) and resize while
/// `open`: the listeners are added when the overlay opens and removed when it closes.
#[cfg(feature = "hydrate")]
fn reposition_while_open(open: RwSignal<bool>, reposition: impl Fn() + Clone + 'static) {
    use crate::dom::ViewportListeners;
    let listeners = StoredValue::new_local(None::<ViewportListeners>);
    Effect::new(move |_| {
        let now = open.get();
        listeners.update_value(|listeners| {
            if now != listeners.is_some() {
                *listeners = now.then(|| ViewportListeners::add(reposition.clone()));
            }
        });
    });
    on_cleanup(move || {
        listeners.try_update_value(|listeners| *listeners = None);
    });
}

/// The browser showed or hid the popover `content_id` (light dismiss, `popovertarget`): `open`
/// follows. Returns whether it is showing.
#[cfg(feature = "hydrate")]
fn follow_popover(open: RwSignal<bool>, content_id: &str) -> bool {
    let now = crate::dom::popover_open(content_id);
    if open.get_untracked() != now {
        open.set(now);
    }
    now
}

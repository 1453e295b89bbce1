//! Browser-only helpers shared by the components: elements by id, popovers, focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element with this id.
pub(crate) fn by_id(id: &str) -> Option<web_sys::Element> {
    document().get_element_by_id(id)
}

/// The HTML element with this id.
pub(crate) fn html_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    by_id(id).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Focuses the element with this id.
pub(crate) fn focus_id(id: &str) {
    if let Some(el) = html_by_id(id) {
        let _ = el.focus();
    }
}

/// The element that has focus.
pub(crate) fn active_element() -> Option<web_sys::HtmlElement> {
    document()
        .active_element()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Whether the element with this id has focus or contains the element that has.
pub(crate) fn focus_within(id: &str) -> bool {
    by_id(id).is_some_and(|el| el.matches(":focus-within").unwrap_or(false))
}

/// Whether the popover with this id is showing.
pub(crate) fn popover_open(id: &str) -> bool {
    by_id(id).is_some_and(|el| el.matches(":popover-open").unwrap_or(false))
}

/// Shows or hides the popover with this id (nothing when it already is).
pub(crate) fn set_popover(id: &str, show: bool) {
    if popover_open(id) == show {
        return;
    }
    if let Some(el) = html_by_id(id) {
        // Fails only for an element that is not a popover or not connected: nothing to do.
        let _ = if show {
            el.show_popover()
        } else {
            el.hide_popover()
        };
    }
}

/// The element an event happened on.
pub(crate) fn target_element(event: &web_sys::Event) -> Option<web_sys::Element> {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Listeners that run a function when anything scrolls (on `document`, in the capture phase,
/// so scrolling inside any scroll container counts, not just the page) or the window resizes.
/// Dropping them removes them.
pub(crate) struct ViewportListeners {
    listener: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl ViewportListeners {
    /// Starts calling `f` on every scroll and resize.
    pub(crate) fn add(f: impl Fn() + 'static) -> Self {
        let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
        let callback = listener.as_ref().unchecked_ref();
        // Fails only in a page with no document or window: nothing to follow.
        let _ = document().add_event_listener_with_callback_and_bool("scroll", callback, true);
        let _ = window().add_event_listener_with_callback("resize", callback);
        ViewportListeners { listener }
    }
}

impl Drop for ViewportListeners {
    fn drop(&mut self) {
        let callback = self.listener.as_ref().unchecked_ref();
        let _ = document().remove_event_listener_with_callback_and_bool("scroll", callback, true);
        let _ = window().remove_event_listener_with_callback("resize", callback);
    }
}

/// Every descendant of `root` (depth first) that `keep` accepts.
pub(crate) fn descendants(
    root: &web_sys::Element,
    keep: &dyn Fn(&web_sys::Element) -> bool,
) -> Vec<web_sys::HtmlElement> {
    let mut found = Vec::new();
    let mut stack = Vec::new();
    let mut next = root.first_element_child();
    loop {
        match next {
            Some(el) => {
                if keep(&el)
                    && let Some(html) = el.dyn_ref::<web_sys::HtmlElement>()
                {
                    found.push(html.clone());
                }
                stack.push(el.next_element_sibling());
                next = el.first_element_child();
            }
            None => match stack.pop() {
                Some(sibling) => next = sibling,
                None => break,
            },
        }
    }
    found
}

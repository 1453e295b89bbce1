//! Element ids that match between the server's HTML and the browser's hydration.

use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts the ids handed out under one root [`Theme`](crate::Theme), or under one [`IdScope`].
/// Server and browser render the same tree in the same order, so the n-th id is the same on
/// both sides.
#[derive(Clone, Default)]
struct IdSource {
    /// Set for a nested scope: `s3-` for the scope that took the outer id number 3.
    scope: Arc<str>,
    counter: Arc<AtomicU64>,
}

impl IdSource {
    fn next(&self) -> String {
        format!(
            "{}{}",
            self.scope,
            self.counter.fetch_add(1, Ordering::Relaxed)
        )
    }
}

/// Starts a fresh id sequence for the tree below (the root `<Theme>` does this).
pub(crate) fn provide_id_source() {
    provide_context(IdSource::default());
}

/// A unique id for an element, e.g. `kiln-dialog-3`, to pair a control with its label
/// (`aria-labelledby`, `aria-controls`, `for`).
///
/// Under a [`Theme`](crate::Theme) the ids are the same in the server's HTML and in the
/// browser, so hydration keeps them. Outside one they are unique within the process but differ
/// between server and browser, which breaks every component that finds its parts by id: a
/// warning says so.
pub fn use_id(prefix: &str) -> String {
    static FALLBACK: AtomicU64 = AtomicU64::new(0);
    match use_context::<IdSource>() {
        Some(source) => format!("kiln-{prefix}-{}", source.next()),
        None => {
            leptos::logging::warn!(
                "kiln-ui: a component rendered outside <Theme>; its element ids will not match \
                 between the server and the browser. Wrap the app in a <Theme>."
            );
            format!(
                "kiln-{prefix}-x{}",
                FALLBACK.fetch_add(1, Ordering::Relaxed)
            )
        }
    }
}

/// An id sequence of its own for content that renders at another moment than its siblings:
/// the children of a `Suspense`, which the server renders once their data is there (after the
/// rest of the page) and the browser hydrates in place. Ids drawn from the page's sequence there
/// would come out in another order on each side; ids drawn from a scope do not.
///
/// Make the scope in the component's body (so it takes its place in the page's sequence), and
/// provide it inside the suspended content, before the components that need ids:
///
/// ```
/// use kiln_ui::prelude::*;
/// use kiln_ui::IdScope;
///
/// #[component]
/// fn Profile(name: Resource<String>) -> impl IntoView {
///     let ids = IdScope::new();
///     view! {
///         <Suspense fallback=|| ()>
///             {move || {
///                 let ids = ids.clone();
///                 Suspend::new(async move {
///                     let name = name.await;
///                     ids.provide();
///                     view! { <Field label="Name"><TextField value=name/></Field> }
///                 })
///             }}
///         </Suspense>
///     }
/// }
/// ```
#[derive(Clone, Debug)]
pub struct IdScope {
    scope: Arc<str>,
}

impl IdScope {
    /// Takes the scope's place in the enclosing sequence.
    #[allow(clippy::new_without_default)] // It reads the reactive context: not a plain default.
    pub fn new() -> Self {
        let scope = match use_context::<IdSource>() {
            Some(source) => format!("s{}-", source.next()),
            None => format!("x{}-", use_id("scope")),
        };
        Self {
            scope: scope.into(),
        }
    }

    /// Makes this scope's sequence the one the components below draw from, starting at 0 (each
    /// call starts it again, so a re-rendered content gets the same ids).
    pub fn provide(&self) {
        provide_context(IdSource {
            scope: self.scope.clone(),
            counter: Arc::default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_numbers_its_ids_apart_from_the_page() {
        Owner::new().with(|| {
            provide_id_source();
            assert_eq!(use_id("a"), "kiln-a-0");
            let scope = IdScope::new();
            assert_eq!(use_id("b"), "kiln-b-2");
            Owner::new().with(|| {
                scope.provide();
                assert_eq!(use_id("c"), "kiln-c-s1-0");
                assert_eq!(use_id("c"), "kiln-c-s1-1");
                // Rendered again: the same ids again.
                scope.provide();
                assert_eq!(use_id("c"), "kiln-c-s1-0");
            });
            // The page's own sequence went on undisturbed.
            assert_eq!(use_id("d"), "kiln-d-3");
        });
    }
}

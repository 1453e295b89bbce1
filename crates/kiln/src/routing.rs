//! Routes that render their first HTML whole: Kiln's [`Route`] and [`ParentRoute`] are
//! Leptos's, with in-order streaming as the default.
//!
//! Leptos streams a page out of order unless its route says otherwise: the shell goes out
//! first, and each `<Suspense>` arrives later as a template that only JavaScript moves into
//! place. A crawler, a reader with JavaScript off, and a page whose navbar shows who is
//! signed in then see an incomplete page. Kiln's routes stream in order
//! ([`SsrMode::InOrder`]) unless a route asks for another mode: `ssr=SsrMode::Async` for a
//! page that must decide its status (a guard's 302 or 403) before the first byte,
//! `ssr=SsrMode::OutOfOrder` for a page that prefers a fast first paint to a complete one.
//! Kiln's server renders unmatched paths (the `<Routes fallback>`) in order too.
//!
//! A route also says whether its page hydrates: `hydrate=false` makes a content page (a home
//! page, a docs page, a blog post) ship its HTML and CSS only, no JS and no WASM. See
//! [the crate's hydration modes](crate#hydration-modes-per-route-full-or-none).
//!
//! ```
//! use kiln::prelude::*;
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     view! {
//!         <Router>
//!             <Routes fallback=|| "Not found">
//!                 // In order: the default. A content page: no WASM.
//!                 <Route path=path!("/") view=|| "Home" hydrate=false/>
//!                 // Whole before the first byte: its guard sets the status.
//!                 <Route path=path!("/account") view=|| "Account" ssr=SsrMode::Async/>
//!             </Routes>
//!         </Router>
//!     }
//! }
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use leptos_router::components::RouteChildren;
use leptos_router::{ChooseView, MatchNestedRoutes, NestedRoute, PossibleRouteMatch, SsrMode};

/// The mode a route renders in when it does not say.
pub const DEFAULT_SSR_MODE: SsrMode = SsrMode::InOrder;

/// One route: the page `view` at `path`, rendered in order unless `ssr` says otherwise
/// (Leptos's `<Route>`, whose default is out-of-order streaming).
#[component(transparent)]
pub fn Route<Segments, View>(
    /// The path this route matches: [`path!`](leptos_router::path) or path segments.
    path: Segments,
    /// The view for this route.
    view: View,
    /// How the server renders this route; in order ([`SsrMode::InOrder`]) by default.
    #[prop(optional)]
    ssr: Option<SsrMode>,
    /// Whether the page hydrates (the default): `false` sends it without JS and WASM.
    #[prop(default = true)]
    hydrate: bool,
) -> <NestedRoute<Segments, (), (), PageView<View>> as IntoMaybeErased>::Output
where
    View: ChooseView + Clone + 'static,
    Segments: PossibleRouteMatch + Clone + Send + 'static,
{
    NestedRoute::new(path, PageView { view, hydrate })
        .ssr_mode(ssr.unwrap_or(DEFAULT_SSR_MODE))
        .into_maybe_erased()
}

/// A route with nested routes, shown in its view's `<Outlet/>`; rendered in order unless
/// `ssr` says otherwise (Leptos's `<ParentRoute>`).
#[component(transparent)]
pub fn ParentRoute<Segments, View, Children>(
    /// The path this route matches: [`path!`](leptos_router::path) or path segments.
    path: Segments,
    /// The view for this route.
    view: View,
    /// The nested routes.
    children: RouteChildren<Children>,
    /// How the server renders this route; in order ([`SsrMode::InOrder`]) by default.
    #[prop(optional)]
    ssr: Option<SsrMode>,
    /// Whether the page hydrates (the default): `false` sends it, and its nested routes'
    /// pages, without JS and WASM.
    #[prop(default = true)]
    hydrate: bool,
) -> <NestedRoute<Segments, Children, (), PageView<View>> as IntoMaybeErased>::Output
where
    View: ChooseView + Clone + 'static,
    Children: MatchNestedRoutes + Send + Clone + 'static,
    Segments: PossibleRouteMatch + Clone + Send + 'static,
{
    NestedRoute::new(path, PageView { view, hydrate })
        .ssr_mode(ssr.unwrap_or(DEFAULT_SSR_MODE))
        .child(children.into_inner())
        .into_maybe_erased()
}

/// A route's view and whether its page hydrates: what [`Route`] gives Leptos's router. When a
/// page that does not hydrate is chosen, it tells the page's [`Document`](crate::Document),
/// which then leaves out the scripts that load the app's JS and WASM.
#[derive(Clone)]
pub struct PageView<View> {
    view: View,
    hydrate: bool,
}

impl<View: ChooseView> ChooseView for PageView<View> {
    async fn choose(self) -> AnyView {
        if !self.hydrate
            && let Some(hydration) = use_context::<PageHydration>()
        {
            hydration.leave_out();
        }
        self.view.choose().await
    }

    async fn preload(&self) {
        self.view.preload().await;
    }
}

/// Whether the page being rendered hydrates: [`Document`](crate::Document) provides it, a
/// route with `hydrate=false` clears it while the page renders, and the document's end reads it.
#[derive(Clone, Debug)]
pub(crate) struct PageHydration(Arc<AtomicBool>);

impl Default for PageHydration {
    fn default() -> Self {
        Self(Arc::new(AtomicBool::new(true)))
    }
}

impl PageHydration {
    fn leave_out(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    /// Whether the page hydrates: no route chosen for it said otherwise.
    pub(crate) fn wanted(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

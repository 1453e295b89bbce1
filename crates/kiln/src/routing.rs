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
//! And a route says whether the server may keep its page and give it to every visitor without
//! a session: `cache=CachePolicy::max_age(..)`, with stale-while-revalidate and invalidation
//! tags (see [the page cache](crate::cache)).
//!
//! # Code splitting: each page ships its own code
//!
//! Built with `cargo leptos build --split`, an app's WebAssembly is cut in pieces: the shared
//! part (the runtime, the layout, what every page uses) and the code of each *lazy* route, a
//! page declared with Leptos's [`LazyRoute`] (or a group of pages,
//! with [`lazy_pages!`](crate::lazy_pages)) and given to a route as
//! `view={Lazy::<Page>::new()}`. A page then loads the shared part plus its own code, and a
//! page added to an app adds nothing to the others' first load. Kiln wires the rest:
//!
//! - the first HTML of a page preloads its route's chunks beside the main module (no
//!   waterfall: they download together), and `kiln::hydrate` waits for them, so
//!   the page hydrates as it was rendered;
//! - pointing at or focusing a link to a lazy route loads that route's code in the background,
//!   so client-side navigation does not wait for it (only the code: the page's data loads when
//!   the visitor navigates, through [`LazyRoute::data`]);
//! - a `hydrate=false` page preloads nothing.
//!
//! Without `--split`, lazy routes are ordinary routes: the same code, in one WebAssembly file.
//!
//! What the splitter does not split: a WebAssembly module's static data (string literals,
//! tables, the constants behind `include_str!`) stays in the shared part, whichever page uses
//! it. A page's own text costs every page a little; a large text compiled into the browser's
//! code costs every page a lot. Keep such text on the server: a page showing the app's own
//! code names it with [`source!`](crate::ui::source!) (its text stays in the server binary),
//! and long content comes from the server (a resource, [`Markdown`](crate::ui::Markdown)).
//! Building with `--cfg erase_components` shrinks every chunk, at a cost on the server (see
//! [`VIEW_TYPES`](crate::VIEW_TYPES)).
//!
//! Page components become lazy routes with [`lazy_pages!`](crate::lazy_pages); a page that
//! starts loading its data while its code downloads implements
//! [`LazyRoute`] itself:
//!
//! ```
//! use kiln::prelude::*;
//!
//! /// The pricing page: its code is a chunk of its own.
//! struct Pricing;
//!
//! #[lazy_route]
//! impl LazyRoute for Pricing {
//!     fn data() -> Self {
//!         Pricing
//!     }
//!
//!     fn view(_this: Self) -> AnyView {
//!         view! { <h1>"Pricing"</h1> }.into_any()
//!     }
//! }
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     view! {
//!         <Router>
//!             <Routes fallback=|| "Not found">
//!                 <Route path=path!("/pricing") view={Lazy::<Pricing>::new()}/>
//!             </Routes>
//!         </Router>
//!     }
//! }
//! ```
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

pub use kiln_core::cache::CachePolicy;
use leptos::prelude::*;
use leptos_router::components::RouteChildren;
use leptos_router::{
    ChooseView, Lazy, LazyRoute, MatchNestedRoutes, NestedRoute, PossibleRouteMatch, SsrMode,
};

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
    /// Whether the server keeps the page and gives it to every visitor without a session:
    /// none by default (see [the page cache](crate::cache)).
    #[prop(optional)]
    cache: Option<CachePolicy>,
) -> <NestedRoute<Segments, (), (), PageView<View>> as IntoMaybeErased>::Output
where
    View: ChooseView + Prefetch + Clone + 'static,
    Segments: PossibleRouteMatch + Clone + Send + 'static,
{
    if let Some(load_code) = View::code_loader() {
        prefetch::register(path.clone(), load_code);
    }
    NestedRoute::new(
        path,
        PageView {
            view,
            hydrate,
            cache,
        },
    )
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
    NestedRoute::new(
        path,
        PageView {
            view,
            hydrate,
            cache: None,
        },
    )
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
    cache: Option<CachePolicy>,
}

impl<View: ChooseView> ChooseView for PageView<View> {
    async fn choose(self) -> AnyView {
        if !self.hydrate
            && let Some(hydration) = use_context::<PageHydration>()
        {
            hydration.leave_out();
        }
        if let Some(policy) = &self.cache {
            kiln_core::cache::cache_page(policy);
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

/// A route's view whose code can be loaded before the visitor navigates to it: a lazy route
/// ([`Lazy`]) loads its chunk; any other view is in the main module already.
///
/// [`Route`] asks it of its `view`, to load a lazy route's code when a link to it is pointed
/// at or focused (see [code splitting](self#code-splitting-each-page-ships-its-own-code)).
pub trait Prefetch {
    /// What loads this view's code, if it has code of its own to load.
    fn code_loader() -> Option<CodeLoader> {
        None
    }
}

/// Loads a lazy route's code: [`LazyRoute::preload`].
pub type CodeLoader = fn() -> std::pin::Pin<Box<dyn Future<Output = ()>>>;

impl<F, V> Prefetch for F where F: Fn() -> V {}

impl<T: LazyRoute> Prefetch for Lazy<T> {
    fn code_loader() -> Option<CodeLoader> {
        Some(|| Box::pin(T::preload()))
    }
}

/// Loading lazy routes' code when a link to them is pointed at or focused.
mod prefetch {
    use super::CodeLoader;
    #[cfg(feature = "hydrate")]
    use leptos_router::PossibleRouteMatch;

    /// One lazy route: whether a path is its, and what loads its code (taken once used).
    #[cfg(feature = "hydrate")]
    struct LazyPath {
        matches: Box<dyn Fn(&str) -> bool>,
        load_code: Option<CodeLoader>,
    }

    #[cfg(feature = "hydrate")]
    thread_local! {
        static LAZY_PATHS: std::cell::RefCell<Vec<LazyPath>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Remembers a lazy route (in the browser; the server renders every route's code anyway).
    #[cfg(feature = "hydrate")]
    pub(super) fn register<Segments>(path: Segments, load_code: CodeLoader)
    where
        Segments: PossibleRouteMatch + 'static,
    {
        let matches = Box::new(move |candidate: &str| {
            path.test(candidate)
                .is_some_and(|found| found.is_complete())
        });
        LAZY_PATHS.with_borrow_mut(|paths| {
            paths.push(LazyPath {
                matches,
                load_code: Some(load_code),
            });
        });
    }

    #[cfg(not(feature = "hydrate"))]
    pub(super) fn register<Segments>(_path: Segments, _load_code: CodeLoader) {}

    /// Starts loading the code of the lazy route at `path`, once.
    #[cfg(feature = "hydrate")]
    fn load_code_for(path: &str) {
        let load_code = LAZY_PATHS.with_borrow_mut(|paths| {
            paths
                .iter_mut()
                .find(|lazy| (lazy.matches)(path))
                .and_then(|lazy| lazy.load_code.take())
        });
        if let Some(load_code) = load_code {
            leptos::task::spawn_local(load_code());
        }
    }

    /// Listens, on the whole document, for a pointer over or focus on a link to this site, and
    /// loads the code of the lazy route it leads to.
    #[cfg(feature = "hydrate")]
    pub(crate) fn on_hover_and_focus() {
        use leptos::ev;
        use leptos::prelude::window_event_listener;
        use wasm_bindgen::JsCast;

        fn follow(target: Option<web_sys::EventTarget>) {
            let link = target
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.closest("a[href]").ok().flatten())
                .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
            let Some(link) = link else { return };
            let same_site = leptos::prelude::window()
                .location()
                .origin()
                .is_ok_and(|origin| origin == link.origin());
            if same_site {
                load_code_for(&link.pathname());
            }
        }
        // The listeners stay for the page's life: their handles, which only remove them, go.
        let _ = window_event_listener(ev::pointerover, |event| follow(event.target()));
        let _ = window_event_listener(ev::focusin, |event| follow(event.target()));
    }
}

#[cfg(feature = "hydrate")]
pub(crate) use prefetch::on_hover_and_focus as prefetch_on_hover;

/// Declares lazy routes for page components, in groups: each group's pages are one piece of
/// code, loaded together, apart from the rest of the app (see
/// [code splitting](crate::routing#code-splitting-each-page-ships-its-own-code)). Each
/// `Route => page` becomes a type whose [`LazyRoute`] view renders the component; give it to a
/// route as `view={Lazy::<Route>::new()}`.
///
/// Why groups: the splitter cuts the code the split points share into one chunk per set of
/// points that use it, so a split point per page makes dozens of tiny files per page (each a
/// request). A group per part of the app (its live pages, its account pages, its docs) keeps
/// a page at a few files, at the cost of loading its neighbours' code with it.
///
/// The components take no props (a page reads its parameters with `use_params`); a page that
/// loads data while its code downloads implements [`LazyRoute`] itself, starting the load in
/// [`LazyRoute::data`]. Group names must be unique in the app, and the app crate depends on
/// `leptos` directly, as Leptos's `#[lazy]` code refers to it by that name.
///
/// ```
/// use kiln::prelude::*;
///
/// #[component]
/// fn Pricing() -> impl IntoView {
///     view! { <h1>"Pricing"</h1> }
/// }
///
/// #[component]
/// fn Plans() -> impl IntoView {
///     view! { <h1>"Plans"</h1> }
/// }
///
/// kiln::lazy_pages! {
///     /// The sales pages: one piece of code.
///     sales {
///         pub PricingRoute => Pricing,
///         pub PlansRoute => Plans,
///     }
/// }
///
/// #[component]
/// fn App() -> impl IntoView {
///     view! {
///         <Router>
///             <Routes fallback=|| "Not found">
///                 <Route path=path!("/pricing") view={Lazy::<PricingRoute>::new()}/>
///                 <Route path=path!("/plans") view={Lazy::<PlansRoute>::new()}/>
///             </Routes>
///         </Router>
///     }
/// }
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! lazy_pages {
    ($(
        $(#[$group_meta:meta])*
        $group:ident { $($vis:vis $route:ident => $page:path),+ $(,)? }
    )+) => {
        $(
            $(#[$group_meta])*
            #[allow(non_snake_case)]
            mod $group {
                #[allow(unused_imports)]
                use super::*;

                /// The group's pages, for its one lazy function.
                #[derive(Clone, Copy)]
                #[allow(clippy::enum_variant_names)]
                pub(super) enum Page { $($route),+ }

                /// Renders one of the group's pages: the group's code, loaded on first use.
                #[::leptos::lazy($group)]
                pub(super) fn render(page: Page) -> $crate::leptos::prelude::AnyView {
                    match page {
                        $(Page::$route => $crate::leptos::prelude::IntoAny::into_any($page()),)+
                    }
                }

                $(
                    #[doc = concat!("The lazy route of [`", stringify!($page), "`].")]
                    pub struct $route;

                    impl $crate::leptos_router::LazyRoute for $route {
                        fn data() -> Self {
                            $route
                        }

                        async fn view(_this: Self) -> $crate::leptos::prelude::AnyView {
                            render(Page::$route).await
                        }

                        async fn preload() {
                            // In the browser: load the group's code. The server has it.
                            #[cfg(target_arch = "wasm32")]
                            __preload_render().await;
                        }
                    }
                )+
            }
            $($vis use self::$group::$route;)+
        )+
    };
}

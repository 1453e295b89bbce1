//! # Kiln
//!
//! A batteries-included, full-stack web framework in pure Rust. A Kiln app is one Rust
//! codebase whose component crate compiles twice: to WebAssembly, where it hydrates the page
//! and runs fine-grained reactive updates in the browser, and natively, where it renders every
//! page on the server, answers server functions and owns the database.
//!
//! Kiln is built on [Leptos](https://leptos.dev) (views, reactivity, routing, server
//! functions), [Axum](https://docs.rs/axum) (HTTP) and [sqlx](https://docs.rs/sqlx) (SQLite and
//! PostgreSQL). This crate is the facade an app depends on: it starts the server, reads the
//! configuration, opens the database, and renders the HTML document around the app.
//!
//! ## A whole app
//!
//! The component crate (compiled with `ssr` for the server and `hydrate` for the browser):
//!
//! ```
//! use kiln::prelude::*;
//!
//! #[component]
//! pub fn App() -> impl IntoView {
//!     let count = RwSignal::new(0);
//!     view! {
//!         <Title text="Hello from Kiln"/>
//!         <button on:click=move |_| *count.write() += 1>"Clicked " {count} " times"</button>
//!     }
//! }
//!
//! pub fn shell(options: LeptosOptions) -> impl IntoView {
//!     view! { <Document options><App/></Document> }
//! }
//! ```
//!
//! The server binary, `server/src/main.rs`:
//!
//! ```ignore
//! #[tokio::main]
//! async fn main() -> std::process::ExitCode {
//!     kiln::Server::new(app::App, app::shell).run().await
//! }
//! ```
//!
//! The browser entry, `frontend/src/lib.rs` (a `cdylib`):
//!
//! ```ignore
//! #[wasm_bindgen::prelude::wasm_bindgen]
//! pub fn hydrate() {
//!     kiln::hydrate(app::App);
//! }
//! ```
//!
//! ## Features
//!
//! An app's component crate turns on one side per build:
//!
//! | feature   | side    | what it brings |
//! |-----------|---------|----------------|
//! | `ssr`     | server  | [`Server`], [`Config`], [`Db`], server-side rendering, server functions, and the server half of each battery |
//! | `hydrate` | browser | `hydrate()`: hydration of the server-rendered page, and the browser half of each battery |
//!
//! The batteries are crates of their own, each behind a feature of this crate (all on by
//! default; an app that wants fewer sets `default-features = false` and lists them):
//!
//! | feature   | crate       | what it brings |
//! |-----------|-------------|----------------|
//! | `live`    | `kiln-live` | [`live`]: server-held state, pushed to the page over a WebSocket |
//! | `auth`    | `kiln-auth` | [`auth`]: accounts, sessions, guards; implies `mail` (argon2, cookie signing) |
//! | `mail`    | `kiln-mail` | [`mail`]: outgoing mail over SMTP (lettre), or a logged outbox |
//! | `listing` | (here)      | [`listing`]: paged, sorted, filtered queries |
//!
//! An app with neither `auth` nor `mail` compiles neither argon2 nor lettre; a battery that is
//! off leaves its module, its [`Server`] method and its [`prelude`] names out.
//!
//! ## Live state
//!
//! [`live`] is Kiln's server-held state: a struct whose typed events run on the server, whose
//! changed fields are pushed to the page over one WebSocket per tab, rendered on the server on
//! the first request and resumed exactly once after a dropped connection. Start there.
//!
//! ## Components and themes
//!
//! [`ui`] is Kiln's component kit, and its components are in the [`prelude`]: layout,
//! typography (with markdown and syntax highlighting done on the server), forms, overlays, data
//! display, disclosure and navigation, all rendered on the server and hydrated, accessible, and
//! styled by the framework's stylesheet through design tokens an app can override. Wrap the app
//! in a [`Theme`](ui::Theme) to pick its palettes, radius, scaling and light/dark appearance. Kit
//! inputs take a signal `value` and an `on_change` callback, so a live-state field binds to one
//! directly: `value=prefs.name on_change=move |name| { prefs.set_name(name); }`.
//!
//! An app's component crate forwards both features (`ssr = ["kiln/ssr"]`,
//! `hydrate = ["kiln/hydrate"]`); never enable both in one build.
//!
//! ## Hydration modes: per route, full or none
//!
//! Kiln renders every page on the server, so crawlers and no-JavaScript clients get the whole
//! page, data and meta tags included. Then each route chooses one of two modes:
//!
//! - **Full hydration** (the default): the page loads the app's JS and WASM and hydrates whole;
//!   every component, live state, client-side navigation and the kit's overlays work.
//! - **No hydration** (`<Route ... hydrate=false/>`, see [`routing`]): the page ships its HTML
//!   and CSS only. The showcase's home page is 22 KB on the wire this way, against about
//!   950 KB with the WASM. For content pages: a home page, docs, a blog post, a server-rendered
//!   table. What works without the WASM still works: links (as full page loads), plain HTML
//!   forms (server functions behind `<ActionForm>`, auth's forms), `<details>`-based
//!   disclosure, and the kit's [`ColorModeToggle`](ui::ColorModeToggle), which posts its
//!   choice to the server. What needs the WASM does not: signals, `on:` handlers, live state,
//!   the kit's menus and dialogs.
//!
//! Why not Leptos's islands? Islands is a crate-wide compile-time switch in Leptos 0.8, not a
//! per-page choice: with it on, context does not flow between islands, every island prop must
//! be serializable, and navigation is a full page load (its router is still experimental).
//! Kiln's live state, its kit and client-side routing rely on context flowing through one
//! reactive tree, so app pages would lose what they are for. Per-route no-hydration gives
//! content pages the same zero-JavaScript result without changing how app pages work. Its
//! trade-offs: a page is all or nothing (one interactive widget on a content page makes the
//! whole page hydrate), and a hydrated page's script now sits at the end of `<body>`, where
//! the document decides it, so a page that streams slow data in order starts fetching its WASM
//! only once that data is sent.
//!
//! Within full hydration, each page ships its own code: with `cargo leptos build --split`, a
//! lazy route's code is a WebAssembly chunk of its own (Leptos's code splitting), which
//! [`Document`] preloads on that route's pages, `hydrate()` waits for, and a link to the
//! route loads when pointed at (see [`routing`](routing#code-splitting-each-page-ships-its-own-code)).
//! A page loads the shared part (Leptos, the layout, what every page uses) plus its chunk, so
//! a page added to an app adds nothing to the others' first load. Its trade-offs: the shared
//! part grows with what the layout uses; a first client-side visit to a route waits for its
//! chunk unless a hover has loaded it; and a chunk that fails to download (the network gone,
//! an old chunk deleted by a deploy) leaves that navigation broken until a reload.
//!
//! ## Configuration
//!
//! [`Config::from_env`] reads the environment (and a `.env` file in development):
//!
//! | variable             | default                 | meaning |
//! |----------------------|-------------------------|---------|
//! | `LEPTOS_SITE_ADDR`   | `127.0.0.1:3000`        | address the server listens on |
//! | `LEPTOS_SITE_ROOT`   | `target/site`           | directory of the built site (JS, WASM, CSS, public files); not read by a binary that carries its site ([`bundle`]: what `kiln build` makes) |
//! | `LEPTOS_ENV`         | `DEV`                   | `PROD` turns off the development live-reload script |
//! | `DATABASE_URL`       | `sqlite://data/app.db`  | `sqlite://PATH` (file created if missing) or `postgres://…` |
//! | `KILN_LOG`           | `info`                  | log filter, in `tracing_subscriber`'s `EnvFilter` syntax |
//! | `KILN_MIGRATE`       | `true`                  | apply pending migrations at start-up |
//! | `KILN_SHUTDOWN_GRACE`| `10`                    | seconds in-flight requests get to finish on SIGINT/SIGTERM |
//! | `KILN_SECRET`        | made, in `data/secret.key` | key that signs cookies, 32 bytes or more (set it when several servers share sessions) |
//! | `KILN_PUBLIC_URL`    | `http://LEPTOS_SITE_ADDR` | the site's address, for links in mail; `https://` makes cookies `Secure` and sends HSTS; when set, requests for any other `Host` are refused (421) |
//! | `KILN_DATA_DIR`      | `data`                  | where the generated key and the development mail outbox live |
//! | `KILN_SMTP_URL`      | (none: mail is logged)  | SMTP server for outgoing mail, like `smtps://user:pass@host` |
//! | `KILN_MAIL_FROM`     | `Kiln <noreply@localhost>` | sender of outgoing mail |
//! | `KILN_TRUST_PROXY`   | `false`                 | behind a reverse proxy: throttle log-ins by the client in its `X-Forwarded-For` |
//! | `KILN_PAGE_CACHE`    | `true`                  | keep the pages whose route opts in ([`cache`]); `false` renders every request |
//! | `KILN_REDIS_URL`     | (none)                  | keep live state in this Redis, shared by every instance of the app (the `redis` feature; see [`live::RedisStore`]) |
//!
//! Every response carries security headers: a Content-Security-Policy with a nonce of its own
//! (the page's scripts carry it), no framing, `nosniff`, a referrer policy, and HSTS over
//! https. See [`headers`] for the defaults and [`Server::security_headers`] to change them.
//!
//! Every bad value is reported as one line naming the variable and what to do, and the server
//! exits with a non-zero code: see [`Error`].

#![cfg_attr(not(feature = "ssr"), allow(unused))]
#![warn(missing_docs)]

// The live-state macros name this crate `::kiln`, also in its own tests.
extern crate self as kiln;

#[cfg(feature = "ssr")]
mod appearance;
#[cfg(feature = "ssr")]
pub mod bundle;
pub mod cache;
#[cfg(feature = "ssr")]
mod compression;
#[cfg(feature = "ssr")]
mod config;
#[cfg(feature = "ssr")]
mod connections;
mod document;
#[cfg(feature = "ssr")]
mod error;
#[cfg(feature = "ssr")]
pub mod headers;
#[cfg(feature = "listing")]
pub mod listing;
#[cfg(all(feature = "ssr", feature = "live"))]
mod live_db;
#[cfg(feature = "ssr")]
mod origin;
#[cfg(feature = "ssr")]
mod requests;
pub mod respond;
pub mod routing;
pub mod seo;
#[cfg(feature = "ssr")]
mod server;
#[cfg(feature = "ssr")]
mod static_files;
#[cfg(feature = "ssr")]
pub mod testing;

#[cfg(feature = "ssr")]
pub use config::Config;
#[cfg(feature = "ssr")]
pub use connections::HttpLimits;
pub use document::{Document, FrameworkStylesheet, SiteAssets};
#[cfg(feature = "ssr")]
pub use error::Error;
#[cfg(feature = "ssr")]
pub use headers::{DEFAULT_CSP, SecurityHeaders};
#[cfg(feature = "ssr")]
pub use kiln_core::{
    Backend, ClientAddress, Db, DbError, Migrations, db, mask_password, migrations, unix_seconds,
};
#[cfg(all(feature = "ssr", feature = "live"))]
pub use live_db::{DbStore, LiveDb, LiveStoreInDatabase};

// The batteries, each a crate of its own behind a feature of the same name.
/// Accounts and sessions (the `kiln-auth` crate, feature `auth`).
#[cfg(feature = "auth")]
pub use kiln_auth as auth;
/// Live state: state held on the server, shown in the browser, changed by typed events (the
/// `kiln-live` crate, feature `live`).
#[cfg(feature = "live")]
pub use kiln_live as live;
/// Outgoing mail (the `kiln-mail` crate, feature `mail`; server side only).
#[cfg(all(feature = "ssr", feature = "mail"))]
pub use kiln_mail as mail;
#[cfg(feature = "ssr")]
pub use server::Server;

// The libraries a Kiln app is written against, re-exported so an app's versions always match.
/// The component kit: layout, typography, forms, overlays, data display, navigation and the
/// theme. Its components are in [`prelude`] too.
pub use kiln_ui as ui;
pub use leptos;
pub use leptos_meta;
pub use leptos_router;
#[cfg(feature = "ssr")]
pub use {axum, leptos_axum, sqlx};

/// The framework's own stylesheet (design tokens, themes, base styles and the component kit's
/// CSS), served by every Kiln server under a content-hashed URL; see [`FrameworkStylesheet`].
pub const FRAMEWORK_CSS: &str = kiln_ui::STYLESHEET;

/// Hydrates the server-rendered page in the browser: the body of an app's `#[wasm_bindgen]`
/// entry point.
///
/// It installs a panic hook that reports Rust panics to the browser console, hydrates `<body>`
/// with `app` (providing the `leptos_meta` context its `<Title>` and `<Meta>` need, as
/// [`Document`] does on the server), and then marks the document `<html data-kiln-hydrated>`,
/// so end-to-end tests (and scripts) can wait for the page to be interactive.
///
/// Hydration waits for the code of the page's lazy route (see
/// [`routing`](crate::routing#code-splitting-each-page-ships-its-own-code)): the server
/// preloaded that chunk in the first HTML, so the wait is the time to compile it, and the page
/// hydrates as it was rendered.
#[cfg(feature = "hydrate")]
pub fn hydrate<F, V>(app: F)
where
    F: FnOnce() -> V + 'static,
    V: leptos::IntoView + 'static,
{
    console_error_panic_hook::set_once();
    if let Some(server) = server_view_types()
        && server != VIEW_TYPES
    {
        // Hydrating would fail on the first component with a cryptic panic; say why instead,
        // and leave the page as the server rendered it (its links and forms work without WASM).
        leptos::logging::error!(
            "Kiln: this page was rendered by a server built with {server} view types and this \
             WebAssembly with {VIEW_TYPES} ones, so it is not hydrated. Build both with the \
             same `--cfg erase_components` setting (set it for every build in \
             .cargo/config.toml; a RUSTFLAGS variable set for one build only overrides it)."
        );
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let body = leptos::prelude::document().body();
        let Some(body) = body else { return };
        let owner = leptos::mount::hydrate_from_async(body, move || {
            leptos_meta::provide_meta_context();
            app()
        })
        .await;
        owner.forget();
        if let Some(root) = leptos::prelude::document().document_element() {
            // Setting an attribute on <html> cannot fail for a valid name like this one.
            let _ = root.set_attribute(HYDRATED_ATTRIBUTE, "");
        }
        crate::routing::prefetch_on_hover();
    });
}

/// The attribute `hydrate()` sets on `<html>` once the page is interactive.
pub const HYDRATED_ATTRIBUTE: &str = "data-kiln-hydrated";

/// How this build compiled components' views: `"typed"` (Leptos's default, and Kiln's), or
/// `"erased"` with `--cfg erase_components` (Leptos boxes each component's view into one type).
/// The hydration markers differ between the two, so the server and the browser must agree:
/// [`Document`] writes the server's into `<html data-kiln-views>`, and `kiln::hydrate`
/// refuses, with a console error that says so, to hydrate a page from a server built the other
/// way (hydrating it would fail on the first component with a panic in tachys).
///
/// Why Kiln keeps typed views, measured on the showcase (`bench/README.md`): erased, the
/// shared WebAssembly module is 7% smaller and all the route chunks together 30%, but the
/// server renders a 1,000-row table about 2.5 times slower (each component's view is boxed, an
/// element's children become a vector), and the HTML carries more `<!>` markers. An app that
/// wants the smaller WebAssembly sets the flag for every build, in its `.cargo/config.toml`:
///
/// ```toml
/// [build]
/// rustflags = ["--cfg", "erase_components"]
/// ```
pub const VIEW_TYPES: &str = if cfg!(erase_components) {
    "erased"
} else {
    "typed"
};

/// The attribute of `<html>` that carries the server's [`VIEW_TYPES`].
pub const VIEW_TYPES_ATTRIBUTE: &str = "data-kiln-views";

/// The server's [`VIEW_TYPES`], from the page (`None` on a page that does not say).
#[cfg(feature = "hydrate")]
fn server_view_types() -> Option<String> {
    leptos::prelude::document()
        .document_element()?
        .get_attribute(VIEW_TYPES_ATTRIBUTE)
}

/// What the live-state macros' generated code uses. Not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    /// Keeps `items` only in the server build.
    #[cfg(feature = "ssr")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __kiln_server_only {
        ($($items:item)*) => { $($items)* };
    }

    /// Keeps `items` only in the server build.
    #[cfg(not(feature = "ssr"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __kiln_server_only {
        ($($items:item)*) => {};
    }

    pub use crate::__kiln_server_only as server_only;
}

/// Everything a Kiln view module usually needs: `use kiln::prelude::*;`.
pub mod prelude {
    #[cfg(all(feature = "ssr", feature = "auth", feature = "live"))]
    pub use crate::auth::LiveAuth;
    #[cfg(feature = "auth")]
    pub use crate::auth::{
        ChangePasswordForm, ForgotPasswordForm, LogInForm, LogOutButton, RequireRole, RequireUser,
        ResetPasswordForm, SignUpForm, WithAuth, provide_auth, use_auth, use_user,
    };
    #[cfg(feature = "live")]
    pub use crate::live::{
        CallError, ConnectionBanner, ConnectionStatus, Failure, LiveMeta, LiveState, TaskId,
        live_events, live_room_view, live_view, use_connection_status, use_live,
    };
    #[cfg(all(feature = "ssr", feature = "live"))]
    pub use crate::live::{Ctx, Live, LiveHandle, LiveHub, LoadCtx};
    pub use crate::{Document, FrameworkStylesheet};
    // The component kit's prelude, which includes Leptos's.
    pub use kiln_ui::prelude::*;
    // leptos_meta's <Link> is left out: `Link` is the kit's text link.
    pub use leptos_meta::{Meta, Title};
    pub use leptos_router::components::{A, Router, Routes};
    pub use leptos_router::{Lazy, LazyRoute, SsrMode, StaticSegment, lazy_route, path};

    // Leptos's <Route> and <ParentRoute>, rendering in order by default.
    pub use crate::routing::{CachePolicy, ParentRoute, Route};

    #[cfg(feature = "ssr")]
    pub use crate::{Db, db};
    #[cfg(all(feature = "ssr", feature = "live"))]
    pub use crate::{LiveDb, LiveStoreInDatabase};
}

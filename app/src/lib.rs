//! Kiln's showcase, which is also its documentation site: every feature live, with its code
//! beside it. This crate compiles twice: with `ssr` into the server, with `hydrate` into the
//! WebAssembly that hydrates the page.

#![recursion_limit = "256"]

use kiln::prelude::*;

mod code;
pub mod pages;

pub use pages::guestbook;

/// The HTML document around every page; the server renders it, the browser hydrates `<App/>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <Document options>
            <App/>
        </Document>
    }
}

/// The showcase's database migrations, embedded in the server binary.
#[cfg(feature = "ssr")]
pub fn migrations() -> kiln::Migrations {
    kiln::migrations!()
}

/// The showcase's auth settings, for [`kiln::Server::auth`]: Kiln's defaults (pages at
/// `/login`, `/signup`, `/forgot-password`, `/reset-password` and `/account`; optional e-mail
/// verification; sessions of 30 days).
#[cfg(feature = "ssr")]
pub fn auth() -> kiln::auth::Auth {
    kiln::auth::Auth::new()
}

/// What the showcase's `sitemap.xml` lists, for [`kiln::Server::sitemap`]: every public page,
/// and every guestbook entry's own page.
#[cfg(feature = "ssr")]
pub fn sitemap() -> kiln::seo::Sitemap {
    [
        "/account",
        "/notes",
        "/admin/users",
        "/forgot-password",
        "/reset-password",
    ]
    .into_iter()
    .fold(kiln::seo::Sitemap::new(), kiln::seo::Sitemap::skip)
    .pages(|db: kiln::Db| async move {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM guestbook ORDER BY id")
            .fetch_all(db.pool())
            .await?;
        Ok::<_, sqlx::Error>(
            ids.into_iter()
                .map(|id| format!("/guestbook/{id}"))
                .collect(),
        )
    })
}

/// The showcase's live states, for [`kiln::Server::live`].
#[cfg(feature = "ssr")]
pub fn live() -> kiln::live::Live {
    pages::live::states()
}

/// The showcase's pages as lazy routes: with `cargo leptos --split`, each page's code is a
/// WebAssembly chunk of its own, loaded by the pages that need it.
pub mod routes {
    kiln::lazy_pages! {
        /// Content pages: rendered on the server, no WASM; their code stays out of the others'.
        content {
            pub Home => crate::pages::Home,
            pub Table => crate::pages::Table,
            pub GuestbookEntry => crate::pages::GuestbookEntry,
        }
        /// A hydrated counter.
        counter { pub Counter => crate::pages::Counter }
        /// A guestbook backed by server functions.
        guestbook { pub Guestbook => crate::pages::Guestbook }
        /// Live state: the pages share most of their code.
        live {
            pub LiveCounter => crate::pages::live::LiveCounterPage,
            pub Todos => crate::pages::live::TodosPage,
            pub Job => crate::pages::live::JobPage,
            pub Chat => crate::pages::live::ChatPage,
            pub Dashboard => crate::pages::live::DashboardPage,
        }
        /// Accounts: the auth forms and the pages of signed-in users.
        accounts {
            pub SignUp => crate::pages::accounts::SignUpPage,
            pub LogIn => crate::pages::accounts::LogInPage,
            pub ForgotPassword => crate::pages::accounts::ForgotPasswordPage,
            pub ResetPassword => crate::pages::accounts::ResetPasswordPage,
            pub Account => crate::pages::accounts::AccountPage,
            pub Notes => crate::pages::accounts::NotesPage,
            pub Users => crate::pages::accounts::UsersPage,
        }
        // The component gallery: each page shows different components, so each is its own.
        /// The gallery's index.
        gallery { pub Gallery => crate::pages::ui::GalleryIndex }
        /// Layout components.
        gallery_layout { pub GalleryLayout => crate::pages::ui::LayoutPage }
        /// Typography.
        gallery_typography { pub GalleryTypography => crate::pages::ui::TypographyPage }
        /// Forms.
        gallery_forms { pub GalleryForms => crate::pages::ui::FormsPage }
        /// Overlays.
        gallery_overlays { pub GalleryOverlays => crate::pages::ui::OverlaysPage }
        /// Data display.
        gallery_data { pub GalleryData => crate::pages::ui::DataPage }
        /// Navigation.
        gallery_navigation { pub GalleryNavigation => crate::pages::ui::NavigationPage }
    }
}

/// How long the showcase's request-independent pages stay fresh in the page cache.
const MINUTE: std::time::Duration = std::time::Duration::from_secs(60);

/// The showcase's root component: the shared layout and the routes.
#[component]
pub fn App() -> impl IntoView {
    // Who the visitor is, for the navbar, the guards and the auth forms of every page.
    kiln::auth::provide_auth();
    view! {
        <Router>
            <Theme>
            // Toasts from anywhere below, live handlers' `ctx.toast` included.
            <Toaster>
            <header class="site-header">
                <div class="site-header-bar">
                    <A href="/" attr:class="brand">"Kiln"</A>
                    // Wide screens: the links in the bar.
                    <nav aria-label="Main" class="site-nav"><SiteLinks/></nav>
                    <div class="site-actions">
                        <pages::accounts::AccountNav/>
                        <ColorModeToggle/>
                    </div>
                    // Narrow screens: the same links behind a menu, which works without WASM.
                    <SiteMenu/>
                </div>
            </header>
            <ConnectionBanner/>
            <main class="content">
                // Every page is rendered in order (Kiln's default): the navbar shows who is signed
                // in, and with out-of-order streaming that part could arrive as a template only
                // JavaScript moves into place. Guarded pages render whole before the first byte
                // (`SsrMode::Async`): their guard decides the status (302, 403) only once the
                // visitor's session is looked up, after the navbar's part would have been sent.
                <Routes fallback=pages::NotFound>
                    // A content page: HTML and CSS only, no JS and no WASM, rendered once a
                    // minute for every visitor without a session (Kiln's page cache).
                    <Route path=path!("/") view={Lazy::<routes::Home>::new()} hydrate=false
                        cache=CachePolicy::max_age(MINUTE).stale_while_revalidate(10 * MINUTE)/>
                    <Route path=path!("/counter") view={Lazy::<routes::Counter>::new()}/>
                    // Kept until a signature invalidates the `guestbook` tag.
                    <Route path=path!("/guestbook") view={Lazy::<routes::Guestbook>::new()} ssr=SsrMode::Async
                        cache=CachePolicy::max_age(10 * MINUTE).tag(guestbook::CACHE_TAG)/>
                    // Its title and meta tags come from the row: whole before the first byte.
                    <Route path=path!("/guestbook/:id") view={Lazy::<routes::GuestbookEntry>::new()} ssr=SsrMode::Async hydrate=false
                        cache=CachePolicy::max_age(10 * MINUTE).tag(guestbook::CACHE_TAG)/>
                    <Route path=path!("/table") view={Lazy::<routes::Table>::new()} hydrate=false
                        cache=CachePolicy::max_age(MINUTE).stale_while_revalidate(10 * MINUTE)/>
                    <Route path=path!("/live/counter") view={Lazy::<routes::LiveCounter>::new()}/>
                    <Route path=path!("/live/todos") view={Lazy::<routes::Todos>::new()}/>
                    <Route path=path!("/live/job") view={Lazy::<routes::Job>::new()}/>
                    <Route path=path!("/live/chat") view={Lazy::<routes::Chat>::new()}/>
                    <Route path=path!("/live/dashboard") view={Lazy::<routes::Dashboard>::new()}/>
                    <Route path=path!("/signup") view={Lazy::<routes::SignUp>::new()}/>
                    <Route path=path!("/login") view={Lazy::<routes::LogIn>::new()}/>
                    <Route path=path!("/forgot-password") view={Lazy::<routes::ForgotPassword>::new()}/>
                    <Route path=path!("/reset-password") view={Lazy::<routes::ResetPassword>::new()}/>
                    <Route path=path!("/account") view={Lazy::<routes::Account>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notes") view={Lazy::<routes::Notes>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view={Lazy::<routes::Users>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/ui") view={Lazy::<routes::Gallery>::new()}/>
                    <Route path=path!("/ui/layout") view={Lazy::<routes::GalleryLayout>::new()}/>
                    <Route path=path!("/ui/typography") view={Lazy::<routes::GalleryTypography>::new()}/>
                    <Route path=path!("/ui/forms") view={Lazy::<routes::GalleryForms>::new()}/>
                    <Route path=path!("/ui/overlays") view={Lazy::<routes::GalleryOverlays>::new()}/>
                    <Route path=path!("/ui/data") view={Lazy::<routes::GalleryData>::new()}/>
                    <Route path=path!("/ui/navigation") view={Lazy::<routes::GalleryNavigation>::new()}/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Built with Kiln: Rust on the server, Rust in the browser."</p>
            </footer>
            </Toaster>
            </Theme>
        </Router>
    }
}

/// The showcase's main links, in the header's bar on wide screens and in its menu on narrow ones.
#[component]
fn SiteLinks() -> impl IntoView {
    view! {
        <ul>
            <li><A href="/counter">"Counter"</A></li>
            <li><A href="/guestbook">"Guestbook"</A></li>
            <li><A href="/table">"Table"</A></li>
            <li><A href="/live/counter">"Live counter"</A></li>
            <li><A href="/live/todos">"Todos"</A></li>
            <li><A href="/live/job">"Job"</A></li>
            <li><A href="/live/chat">"Chat"</A></li>
            <li><A href="/live/dashboard">"Dashboard"</A></li>
            <li><A href="/ui">"Components"</A></li>
        </ul>
    }
}

/// The header's menu on narrow screens: a native `<details>`, so it opens on every page, those
/// without WASM included; on a hydrated page, following one of its links closes it.
#[component]
fn SiteMenu() -> impl IntoView {
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move |_| {
        if let Some(menu) = menu.get() {
            menu.set_open(false);
        }
    };
    view! {
        <details class="site-menu" node_ref=menu>
            <summary>"Menu"</summary>
            <nav aria-label="Main" on:click=close><SiteLinks/></nav>
        </details>
    }
}

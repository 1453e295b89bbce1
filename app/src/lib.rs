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
                <nav aria-label="Main">
                    <A href="/" attr:class="brand">"Kiln"</A>
                    <A href="/counter">"Counter"</A>
                    <A href="/guestbook">"Guestbook"</A>
                    <A href="/table">"Table"</A>
                    <A href="/live/counter">"Live counter"</A>
                    <A href="/live/todos">"Todos"</A>
                    <A href="/live/job">"Job"</A>
                    <A href="/live/chat">"Chat"</A>
                    <A href="/live/dashboard">"Dashboard"</A>
                    <A href="/ui">"Components"</A>
                    <pages::accounts::AccountNav/>
                    <ColorModeToggle/>
                </nav>
            </header>
            <ConnectionBanner/>
            <main class="content">
                // Every page is rendered in order (Kiln's default): the navbar shows who is signed
                // in, and with out-of-order streaming that part could arrive as a template only
                // JavaScript moves into place. Guarded pages render whole before the first byte
                // (`SsrMode::Async`): their guard decides the status (302, 403) only once the
                // visitor's session is looked up, after the navbar's part would have been sent.
                <Routes fallback=pages::NotFound>
                    // A content page: HTML and CSS only, no JS and no WASM.
                    <Route path=path!("/") view=pages::Home hydrate=false/>
                    <Route path=path!("/counter") view=pages::Counter/>
                    <Route path=path!("/guestbook") view=pages::Guestbook ssr=SsrMode::Async/>
                    // Its title and meta tags come from the row: whole before the first byte.
                    <Route path=path!("/guestbook/:id") view=pages::GuestbookEntry ssr=SsrMode::Async hydrate=false/>
                    <Route path=path!("/table") view=pages::Table hydrate=false/>
                    <Route path=path!("/live/counter") view=pages::live::LiveCounterPage/>
                    <Route path=path!("/live/todos") view=pages::live::TodosPage/>
                    <Route path=path!("/live/job") view=pages::live::JobPage/>
                    <Route path=path!("/live/chat") view=pages::live::ChatPage/>
                    <Route path=path!("/live/dashboard") view=pages::live::DashboardPage/>
                    <Route path=path!("/signup") view=pages::accounts::SignUpPage/>
                    <Route path=path!("/login") view=pages::accounts::LogInPage/>
                    <Route path=path!("/forgot-password") view=pages::accounts::ForgotPasswordPage/>
                    <Route path=path!("/reset-password") view=pages::accounts::ResetPasswordPage/>
                    <Route path=path!("/account") view=pages::accounts::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/notes") view=pages::accounts::NotesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=pages::accounts::UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/ui") view=pages::ui::GalleryIndex/>
                    <Route path=path!("/ui/layout") view=pages::ui::LayoutPage/>
                    <Route path=path!("/ui/typography") view=pages::ui::TypographyPage/>
                    <Route path=path!("/ui/forms") view=pages::ui::FormsPage/>
                    <Route path=path!("/ui/overlays") view=pages::ui::OverlaysPage/>
                    <Route path=path!("/ui/data") view=pages::ui::DataPage/>
                    <Route path=path!("/ui/navigation") view=pages::ui::NavigationPage/>
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

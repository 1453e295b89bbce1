//! {{name}}: a Kiln app.
//!
//! This crate compiles twice: with the `ssr` feature into the server (`src/main.rs`), which
//! renders every page, answers server functions and holds the live state and the accounts;
//! with `hydrate` into the WebAssembly that makes the pages interactive in the browser
//! ([`hydrate`]).
//!
//! | module | page |
//! |--------|------|
//! | here | the layout, the routes and the home page |
//! | [`counter`] | `/counter`: state that lives on the server, changed by typed events |
//! | [`messages`] | `/messages`: rows of a table (`migrations/`), and a form that adds one |
//! | [`accounts`] | `/signup`, `/login`, and `/account`, which only a signed-in user sees |

use kiln::prelude::*;

pub mod accounts;
pub mod counter;
pub mod messages;

/// The HTML document around every page: the server renders it, the browser hydrates `<App/>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <Document options>
            <App/>
        </Document>
    }
}

/// The app's database migrations (`migrations/sqlite` and `migrations/postgres`), compiled
/// into the server, which applies them at start-up.
#[cfg(feature = "ssr")]
pub fn migrations() -> kiln::Migrations {
    kiln::migrations!()
}

/// The app's live states: kept in its database, so they survive restarts.
#[cfg(feature = "ssr")]
pub fn live() -> kiln::live::Live {
    kiln::live::Live::new()
        .state::<counter::Counter>()
        .store_in_database()
}

/// The app's accounts: Kiln's defaults (sessions of 30 days, optional e-mail verification,
/// mail logged to `data/mail` until `KILN_SMTP_URL` is set).
#[cfg(feature = "ssr")]
pub fn auth() -> kiln::auth::Auth {
    kiln::auth::Auth::new()
}

/// The app: the layout around every page, and the routes.
#[component]
pub fn App() -> impl IntoView {
    // Who the visitor is, for the header, the guards and the forms of every page.
    provide_auth();
    view! {
        <Router>
            <Theme>
                <header class="site-header">
                    <Container>
                        <Flex align=Align::Center justify=Align::Between gap=4 wrap=true>
                            <A href="/" attr:class="brand">"{{title}}"</A>
                            <nav aria-label="Main">
                                <Flex align=Align::Center gap=4 wrap=true>
                                    <A href="/counter">"Counter"</A>
                                    <A href="/messages">"Messages"</A>
                                    <accounts::AccountNav/>
                                    <ColorModeToggle/>
                                </Flex>
                            </nav>
                        </Flex>
                    </Container>
                </header>
                <Container as_=LayoutTag::Main>
                    // Pages that read the visitor's session render whole before the first
                    // byte (`SsrMode::Async`), so a guard can still redirect.
                    <Routes fallback=NotFound>
                        // No WebAssembly at all: the home page is HTML and CSS.
                        <Route path=path!("/") view=Home hydrate=false/>
                        <Route path=path!("/counter") view=counter::CounterPage/>
                        <Route path=path!("/messages") view=messages::MessagesPage ssr=SsrMode::Async/>
                        <Route path=path!("/signup") view=accounts::SignUpPage/>
                        <Route path=path!("/login") view=accounts::LogInPage/>
                        <Route path=path!("/account") view=accounts::AccountPage ssr=SsrMode::Async/>
                    </Routes>
                </Container>
            </Theme>
        </Router>
    }
}

/// The home page.
#[component]
fn Home() -> impl IntoView {
    view! {
        <Title text="{{title}}"/>
        <Meta name="description" content="{{title}}: a Kiln app."/>
        <Flex direction=Direction::Column gap=3>
            <Heading>"{{title}}"</Heading>
            <Text as_=TextTag::P>
                "Every page is rendered on the server, then made interactive in the browser."
            </Text>
            <ul>
                <li><A href="/counter">"A counter"</A> " whose state lives on the server."</li>
                <li><A href="/messages">"Messages"</A> " kept in the database."</li>
                <li><A href="/account">"Your account"</A> ", which only you can see."</li>
            </ul>
        </Flex>
    }
}

/// What a path no route matches shows (with the status 404).
#[component]
fn NotFound() -> impl IntoView {
    view! {
        <Title text="Not found · {{title}}"/>
        <Heading>"Not found"</Heading>
        <Text as_=TextTag::P>"There is no page here. " <A href="/">"Back home"</A></Text>
    }
}

/// The browser's entry point: the script the server puts in every page calls it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    kiln::hydrate(App);
}

//! {{name}}: a Kiln app.
//!
//! This crate compiles twice: with the `ssr` feature into the server (`src/main.rs`), which
//! renders every page and holds the live state; with `hydrate` into the WebAssembly that makes
//! the page interactive in the browser ([`hydrate`]).

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

/// A counter kept on the server for each open page. It survives dropped connections and
/// restarts (the server keeps it in its database), and each click is a typed event.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Counter {
    /// How many times the button was clicked.
    pub count: i64,
}

#[live_events]
impl Counter {
    /// Adds `by` to the count (it stops at the largest number instead of wrapping around).
    pub fn add(&mut self, by: i64) {
        self.count = self.count.saturating_add(by);
    }
}

/// The HTML document around every page: the server renders it, the browser hydrates `<App/>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <Document options>
            <App/>
        </Document>
    }
}

/// The app: its theme and its routes.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Theme>
                <Container as_=LayoutTag::Main>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home/>
                    </Routes>
                </Container>
            </Theme>
        </Router>
    }
}

/// The home page: the live counter.
#[component]
fn Home() -> impl IntoView {
    // The title is outside the live view, so it is known before the first byte is sent: the
    // live view waits for its state, and the head has gone out by then.
    let counter = live_view(|counter: CounterLive| {
        view! {
            <Flex direction=Direction::Column gap=3 align=Align::Start>
                <Heading>"{{title}}"</Heading>
                <Text>"Count: " <output data-testid="count">{counter.count}</output></Text>
                <Button on:click=move |_| {
                    counter.add(1);
                }>"Add one"</Button>
            </Flex>
        }
    });
    view! {
        <Title text="{{title}}"/>
        {counter}
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

/// The app's live states, for the server: kept in its database.
#[cfg(feature = "ssr")]
pub fn live() -> kiln::live::Live {
    kiln::live::Live::new()
        .state::<Counter>()
        .store_in_database()
}

/// The browser's entry point: the script the server puts in every page calls it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    kiln::hydrate(App);
}

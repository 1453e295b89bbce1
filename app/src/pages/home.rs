use kiln::prelude::*;

use crate::code::PageMeta;

/// A whole Kiln app: the live counter of the README, state on the server, typed events.
const APP_SAMPLE: &str = r#"use kiln::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Counter { pub count: i64 }

#[live_events]
impl Counter {
    pub fn add(&mut self, by: i64) { self.count += by; }
}

#[component]
pub fn App() -> impl IntoView {
    live_view(|counter: CounterLive| view! {
        <Title text="Hello, Kiln"/>
        <button on:click=move |_| { counter.add(1); }>"+1"</button>
        <p>"Count: " {counter.count}</p>
    })
}"#;

/// The two commands from a clone to a running showcase.
const COMMANDS: &str = "scripts/run.sh    # builds and serves the showcase on http://127.0.0.1:3000\n\
                        scripts/test.sh   # every test: clippy, Rust, system suites, Playwright";

/// From the `kiln` tool to an app of one's own.
const NEW_APP: &str = "cargo install --path crates/kiln-cli --locked   # the kiln tool, once\n\
                       kiln new myapp --template full   # or minimal: a new app, offline\n\
                       cd myapp && kiln dev             # serves it, rebuilding on every change\n\
                       kiln build                       # target/dist/myapp: one file to deploy";

/// The home page: what Kiln is, a whole app, what it measures against Reflex, how to start.
/// Pure server HTML; nothing on it needs the WASM to be read.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <PageMeta
            title="Kiln: full-stack web apps in one Rust codebase"
            description="Kiln is a batteries-included Rust web framework: pages rendered on the \
                         server for search engines, hydrated in the browser, typed live state \
                         on the server that survives reconnects and restarts, a database, auth \
                         and a component kit."
        />
        <section class="hero">
            <h1>"Full-stack web apps in one Rust codebase"</h1>
            <p class="lead">
                "Kiln renders every page on the server, hydrates it in the browser, and keeps \
                 your app's live state on the server, typed from the database to the button."
            </p>
            <p class="hero-actions">
                <A href="/live/counter" attr:class="hero-primary">"See a live counter"</A>
                <A href="/ui">"Browse the components"</A>
            </p>
        </section>

        <section class="home-split" aria-labelledby="whole-app">
            <div>
                <h2 id="whole-app">"A whole app, in 20 lines"</h2>
                <p>
                    "The counter's state lives on the server. The page is rendered with it, so \
                     search engines and readers without JavaScript see the count. Each click is \
                     a typed event the server handles, then pushes back only what changed, over \
                     one WebSocket. A dropped connection or a restarted server loses no event \
                     and applies none twice."
                </p>
                <ul class="home-points">
                    <li>"Server-rendered first HTML, complete, with its title and meta tags"</li>
                    <li>"Typed events and server functions, checked by the compiler on both sides"</li>
                    <li>"SQLite by default, PostgreSQL by URL; auth, forms, a 75-component kit"</li>
                    <li>"Each page ships its own code; content pages ship none"</li>
                </ul>
            </div>
            <CodeBlock code=APP_SAMPLE language="rust" title="src/lib.rs"/>
        </section>

        <section aria-labelledby="figures">
            <h2 id="figures">"Measured against Reflex"</h2>
            <p class="muted">
                "Live events on this repository's 2-core test machine: 100 sessions each \
                 incrementing a counter in a closed loop, loopback, the server on one core \
                 (bench/run live); Reflex 0.10 with the same workload on the same machine."
            </p>
            <dl class="figures">
                <div>
                    <dt>"Events per second"</dt>
                    <dd>"53,435"</dd>
                    <dd class="muted">"Reflex: about 3,900"</dd>
                </div>
                <div>
                    <dt>"Events per second, stored in SQLite"</dt>
                    <dd>"13,520"</dd>
                    <dd class="muted">"every event committed before its answer"</dd>
                </div>
                <div>
                    <dt>"p99 latency"</dt>
                    <dd>"4.8 ms"</dd>
                    <dd class="muted">"Reflex: 48 ms"</dd>
                </div>
                <div>
                    <dt>"Memory per connected session"</dt>
                    <dd>"6.4 KiB"</dd>
                    <dd class="muted">"Reflex: about 190 KB"</dd>
                </div>
            </dl>
        </section>

        <section aria-labelledby="start">
            <h2 id="start">"Two commands"</h2>
            <p>"From a clone of the repository, on a Debian machine with Rust and Node:"</p>
            <CodeBlock code=COMMANDS language="sh"/>
        </section>

        <section aria-labelledby="own">
            <h2 id="own">"Your own app"</h2>
            <p>"One crate, compiled for the server and the browser, made from a template: "
                "the " <code>"full"</code> " one has a layout, a live page, a database table, "
                "accounts and a Playwright test. What you deploy is one file that holds the "
                "server and the whole site."</p>
            <CodeBlock code=NEW_APP language="sh"/>
        </section>

        <section aria-labelledby="next">
            <h2 id="next">"Where to go next"</h2>
            <ul class="home-next">
                <li>
                    <A href="/live/counter">"Live state"</A>
                    ": "<A href="/live/todos">"todos"</A>" in SQLite, "<A href="/live/job">"a long job"</A>
                    " with progress, "<A href="/live/chat">"a chat room"</A>" with presence, "
                    <A href="/live/dashboard">"a dashboard"</A>" the server updates."
                </li>
                <li>
                    <A href="/guestbook">"Server functions and forms"</A>
                    ": a guestbook that works with or without JavaScript, each entry a page of its own."
                </li>
                <li><A href="/table">"A 1,000-row table"</A>" rendered on the server, no WASM."</li>
                <li><A href="/ui">"The component kit"</A>": layout, typography, forms, overlays, data, navigation."</li>
                <li><A href="/signup">"Accounts"</A>": sign-up, log-in, password reset, roles."</li>
            </ul>
        </section>
    }
}

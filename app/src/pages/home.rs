use kiln::prelude::*;

use crate::code::PageMeta;

/// The home page: what Kiln is. Pure server HTML; nothing on it needs the WASM to be read.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <PageMeta
            title="Kiln: full-stack web apps in one Rust codebase"
            description="Kiln is a batteries-included Rust web framework: pages rendered on the \
                         server for search engines, hydrated in the browser, typed server \
                         functions, a database, and one command to start."
        />
        <section class="hero">
            <h1>"Full-stack web apps in one Rust codebase"</h1>
            <p class="lead">
                "Kiln renders every page on the server, so search engines and readers without \
                 JavaScript see the whole page and its data, then hydrates it in the browser for \
                 fine-grained reactive updates. Your components, state and server functions are \
                 one typed Rust codebase, checked by the compiler on both sides."
            </p>
        </section>
        <section class="features">
            <article>
                <h2>"Server-rendered, then hydrated"</h2>
                <p>"The first response is complete HTML with the page's title, description and \
                    Open Graph tags. The WebAssembly loads afterwards and takes over in place."</p>
            </article>
            <article>
                <h2>"Typed from database to button"</h2>
                <p>"Server functions are plain async Rust functions; the compiler checks every \
                    call from the browser. Forms work before the WASM arrives and without it."</p>
            </article>
            <article>
                <h2>"Live state on the server"</h2>
                <p>"A state is a Rust struct on the server; its events are typed methods the page \
                    calls. The server pushes only the fields that changed, over one WebSocket, \
                    and no event is lost or applied twice when the connection drops."</p>
            </article>
            <article>
                <h2>"Batteries included"</h2>
                <p>"SQLite by default, PostgreSQL by URL, migrations applied at start-up, request \
                    tracing, health checks, graceful shutdown, precompressed assets."</p>
            </article>
        </section>
        <section>
            <h2>"Try it"</h2>
            <ul>
                <li><A href="/counter">"A counter"</A>" hydrated in the browser."</li>
                <li><A href="/guestbook">"A guestbook"</A>" reading and writing the database, with or without JavaScript."</li>
                <li><A href="/table">"A 1,000-row table"</A>" rendered on the server."</li>
                <li><A href="/live/counter">"A live counter"</A>", "<A href="/live/todos">"a todo list"</A>" in SQLite, "
                    <A href="/live/job">"a long job"</A>" with progress, "<A href="/live/chat">"a chat room"</A>
                    " with presence and "<A href="/live/dashboard">"a dashboard"</A>" the server updates: live state."</li>
            </ul>
        </section>
    }
}

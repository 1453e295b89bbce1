//! The server: renders the pages, answers server functions and holds the live state. Its
//! settings come from the environment or a `.env` file (`LEPTOS_SITE_ADDR`, `DATABASE_URL`...:
//! see the `kiln` crate's documentation).

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    kiln::Server::new({{crate}}::App, {{crate}}::shell)
        .live({{crate}}::live())
        .run()
        .await
}

/// Built without `ssr` (the browser's side), there is no server.
#[cfg(not(feature = "ssr"))]
fn main() {}

//! The server: renders the pages, answers server functions, holds the live state and the
//! accounts. Its settings come from the environment or a `.env` file (`LEPTOS_SITE_ADDR`,
//! `DATABASE_URL`, `KILN_SECRET`...: see the `kiln` crate's documentation).

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    kiln::Server::new({{crate}}::App, {{crate}}::shell)
        .migrations({{crate}}::migrations())
        .live({{crate}}::live())
        .auth({{crate}}::auth())
        .run()
        .await
}

/// Built without `ssr` (the browser's side), there is no server.
#[cfg(not(feature = "ssr"))]
fn main() {}

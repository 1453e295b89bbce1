//! What the showcase's test files share: its server, started as it runs.

use kiln::testing::TestServer;

/// The showcase's server as it runs (auth on: the navbar asks who the visitor is), on a fresh
/// SQLite file and an empty built site, with `vars` on top of the test configuration.
pub async fn showcase(vars: Vec<(&'static str, String)>) -> TestServer {
    let mut all = vec![("LEPTOS_OUTPUT_NAME", "showcase".to_owned())];
    all.extend(vars);
    let server = kiln::Server::new(app::App, app::shell)
        .migrations(app::migrations())
        .auth(app::auth())
        .sitemap(app::sitemap());
    TestServer::start_with(server, all).await
}

//! The showcase's server: Kiln serves the `app` crate's pages, server functions and static files.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    kiln::Server::new(app::App, app::shell)
        .migrations(app::migrations())
        .run()
        .await
}

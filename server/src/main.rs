//! The showcase's server: Kiln serves the `app` crate's pages, server functions and static files.

// Server-side rendering allocates many small strings; mimalloc serves them faster than glibc's
// malloc (see bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    kiln::Server::new(app::App, app::shell)
        .migrations(app::migrations())
        .live(app::live())
        .auth(app::auth())
        .sitemap(app::sitemap())
        .run()
        .await
}

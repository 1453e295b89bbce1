//! Kiln's routes render in order unless they say otherwise, and so does the 404 page.
#![cfg(feature = "ssr")]

use axum::body::{Body, to_bytes};
use http::{Request, StatusCode};
use kiln::leptos::config::LeptosOptions;
use kiln::prelude::*;
use std::time::Duration;
use tower::ServiceExt;

/// A part that waits for data: a non-blocking resource, the kind out-of-order streaming sends
/// after the rest of the page.
#[component]
fn Slow() -> impl IntoView {
    let data = Resource::new(
        || (),
        |()| async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            "the data arrived".to_owned()
        },
    );
    view! {
        <Suspense fallback=|| "waiting">
            <p>{move || Suspend::new(async move { data.await })}</p>
        </Suspense>
        <footer>"the end of the page"</footer>
    }
}

#[component]
fn App() -> impl IntoView {
    // A large app takes a while to list its routes; this one pretends to, so that servers
    // started side by side overlap one's route generation with another's renders.
    if kiln::leptos_router::RouteList::is_generating() {
        std::thread::sleep(Duration::from_millis(20));
    }
    view! {
        <Router>
            <Routes fallback=Slow>
                <Route path=path!("/") view=Slow/>
                <Route path=path!("/streamed") view=Slow ssr=SsrMode::OutOfOrder/>
            </Routes>
        </Router>
    }
}

fn shell(options: LeptosOptions) -> impl IntoView {
    view! { <Document options><App/></Document> }
}

async fn get(router: &axum::Router, path: &str) -> (StatusCode, String) {
    let request = Request::get(path)
        .header(http::header::HOST, "localhost")
        .body(Body::empty())
        .expect("a request");
    // A render that never finishes fails the test instead of hanging it.
    let response = tokio::time::timeout(Duration::from_secs(30), router.clone().oneshot(request))
        .await
        .expect("the page renders within 30 s")
        .expect("infallible");
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("a body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Whether the data is in place in the page, before what follows it.
fn in_place(html: &str) -> bool {
    match (
        html.find("the data arrived"),
        html.find("the end of the page"),
    ) {
        (Some(data), Some(end)) => data < end && !html.contains("<template"),
        _ => false,
    }
}

#[tokio::test]
async fn routes_and_the_404_page_render_in_order_unless_a_route_says_otherwise() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("site/pkg")).expect("pkg dir");
    let config = kiln::Config::from_vars([
        (
            "LEPTOS_SITE_ROOT",
            dir.path().join("site").display().to_string(),
        ),
        ("LEPTOS_OUTPUT_NAME", "app".to_owned()),
        (
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("app.db").display()),
        ),
        (
            "KILN_DATA_DIR",
            dir.path().join("data").display().to_string(),
        ),
    ])
    .expect("valid config");
    let (router, _db) = kiln::Server::new(App, shell)
        .config(config)
        .router()
        .await
        .expect("server starts");

    let (status, html) = get(&router, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        in_place(&html),
        "a route without `ssr` streams in order: {html}"
    );

    let (status, html) = get(&router, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(in_place(&html), "the 404 page streams in order: {html}");

    // The check tells the two apart: a route that asks for out-of-order streaming gets it.
    let (status, html) = get(&router, "/streamed").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !in_place(&html),
        "an out-of-order route sends its data last: {html}"
    );
}

/// Starts a server for the app and renders its page with a waiting resource, `rounds` times.
fn start_and_render(rounds: usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        for _ in 0..rounds {
            let server = kiln::testing::TestServer::start(kiln::Server::new(App, shell)).await;
            let page = tokio::time::timeout(Duration::from_secs(30), server.get("/"))
                .await
                .expect("the page renders within 30 s");
            assert_eq!(page.status, StatusCode::OK);
            assert!(in_place(&page.body), "{}", page.body);
        }
    });
}

#[test]
fn servers_started_side_by_side_all_finish_their_renders() {
    // Each thread is a test of its own: its own runtime, its own server, renders while other
    // servers start. Leptos's route generation once made a render that overlapped it wait
    // forever (see route_list in crates/kiln/src/server.rs).
    const THREADS: usize = 6;
    let (done, finished) = std::sync::mpsc::channel();
    for _ in 0..THREADS {
        let done = done.clone();
        std::thread::spawn(move || {
            start_and_render(5);
            let _ = done.send(());
        });
    }
    for thread in 0..THREADS {
        finished
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{} of {THREADS} threads never finished", THREADS - thread));
    }
}

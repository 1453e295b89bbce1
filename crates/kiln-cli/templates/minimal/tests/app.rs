//! The app's tests: its server in process on a fresh SQLite file, and the live counter driven
//! by Kiln's headless client. Run them with `cargo test --features ssr`.

use kiln::live::testing::TestClient;
use kiln::live::LiveHub;
use kiln::testing::TestServer;
use {{crate}}::{App, Counter, CounterEvent, live, shell};

#[tokio::test]
async fn the_home_page_is_rendered_on_the_server_with_its_count() {
    let server = TestServer::start(kiln::Server::new(App, shell).live(live())).await;
    let page = server.get("/").await;
    assert_eq!(page.status, 200);
    let html = page.body;
    assert!(html.contains("<title>{{title}}</title>"), "{html}");
    assert!(html.contains(r#"data-testid="count">0</output>"#), "{html}");
}

#[tokio::test]
async fn an_unknown_path_is_a_404() {
    let server = TestServer::start(kiln::Server::new(App, shell).live(live())).await;
    assert_eq!(server.get("/no-such-page").await.status, 404);
}

#[tokio::test]
async fn a_click_adds_one_on_the_server() {
    let hub = LiveHub::start(kiln::live::Live::new().state::<Counter>())
        .await
        .expect("a live hub");
    let mut page = TestClient::connect(&hub).await;
    assert_eq!(page.join::<Counter>().await.count, 0);
    page.call::<Counter>(CounterEvent::Add { by: 1 })
        .await
        .expect("the event is applied");
    assert_eq!(page.view::<Counter>().count, 1);
}

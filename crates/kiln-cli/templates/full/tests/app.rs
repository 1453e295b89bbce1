//! The app's pages and state, tested through its server in process (on a fresh SQLite file)
//! and Kiln's headless live client. Run them with `cargo test --features ssr`.

use kiln::live::LiveHub;
use kiln::live::testing::TestClient;
use kiln::testing::TestServer;
use {{crate}}::counter::{Counter, CounterEvent};
use {{crate}}::messages::{MAX_LENGTH, MessageError, validate};
use {{crate}}::{App, auth, live, migrations, shell};

async fn server() -> TestServer {
    TestServer::start(
        kiln::Server::new(App, shell)
            .migrations(migrations())
            .live(live())
            .auth(auth()),
    )
    .await
}

#[tokio::test]
async fn every_page_is_rendered_on_the_server() {
    let server = server().await;
    for (path, title) in [
        ("/", "<title>{{title}}</title>"),
        ("/counter", "<title>Counter · {{title}}</title>"),
        ("/messages", "<title>Messages · {{title}}</title>"),
        ("/login", "<title>Log in · {{title}}</title>"),
        ("/signup", "<title>Sign up · {{title}}</title>"),
    ] {
        let page = server.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains(title), "{path}: {}", page.body);
    }
    assert_eq!(server.get("/no-such-page").await.status, 404);
}

#[tokio::test]
async fn a_message_is_stored_and_listed_and_a_bad_one_is_refused() {
    let server = server().await;
    let mut browser = server.browser();
    browser.get("/messages").await;
    let posted = browser
        .call("/api/messages/post", &[("text", "  Hello, database  ")])
        .await;
    assert!(posted.status.is_success(), "{}", posted.body);
    let page = browser.get("/messages").await;
    assert!(page.body.contains("<li>Hello, database</li>"), "{}", page.body);

    let refused = browser.call("/api/messages/post", &[("text", "   ")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(validate(&"x".repeat(MAX_LENGTH + 1)), Err(MessageError::TooLong));
}

#[tokio::test]
async fn the_counter_adds_and_resets_on_the_server() {
    let hub = LiveHub::start(kiln::live::Live::new().state::<Counter>())
        .await
        .expect("a live hub");
    let mut page = TestClient::connect(&hub).await;
    assert_eq!(page.join::<Counter>().await.count, 0);
    page.call::<Counter>(CounterEvent::Add { by: 2 })
        .await
        .expect("added");
    assert_eq!(page.view::<Counter>().count, 2);
    page.call::<Counter>(CounterEvent::Reset {}).await.expect("reset");
    assert_eq!(page.view::<Counter>().count, 0);
}

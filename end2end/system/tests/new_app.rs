//! An app made by `kiln new`, built by `kiln build` and run as one file from an empty folder:
//! its first HTML, its hashed WASM, its database, and live state that survives a crash.
//! `scripts/check-new-app.sh` makes and builds the app, then runs this test with
//! `KILN_NEW_APP_BIN` (the built file), `KILN_NEW_APP_TITLE` (the title its home page shows)
//! and `KILN_NEW_APP_COUNTER` (the path of its live counter's page).

use kiln_system_tests::{LivePage, Showcase, send_raw};
use serde_json::json;

#[tokio::test]
#[ignore = "needs an app made and built by scripts/check-new-app.sh"]
async fn a_new_app_runs_alone_and_keeps_its_live_state_through_a_crash() {
    let built = std::env::var_os("KILN_NEW_APP_BIN").expect("KILN_NEW_APP_BIN: the built app");
    let title = std::env::var("KILN_NEW_APP_TITLE").expect("KILN_NEW_APP_TITLE: its title");
    let counter = std::env::var("KILN_NEW_APP_COUNTER").expect("KILN_NEW_APP_COUNTER: a path");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut server = Showcase::start_built(std::path::Path::new(&built), folder.path());

    let (status, home) = server.get("/").expect("the home page");
    assert_eq!(status, 200, "{home}");
    assert!(
        home.contains(&format!("<title>{title}</title>")),
        "{home:.3000}"
    );
    let (status, page) = server.get(&counter).expect("the counter's page");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(r#"data-testid="count">0</output>"#),
        "{page:.3000}"
    );
    let wasm = page
        .split('"')
        .find(|part| part.starts_with("/pkg/") && part.ends_with(".wasm"))
        .unwrap_or_else(|| panic!("the page preloads its WASM: {page:.3000}"))
        .to_owned();
    let answer = send_raw(
        server.addr,
        format!(
            "GET {wasm} HTTP/1.1\r\nHost: {}\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .as_bytes(),
    )
    .expect("the WASM");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-encoding"), Some("br"));
    assert!(
        folder.path().join("data/app.db").is_file(),
        "its SQLite file"
    );

    let mut page = LivePage::connect(&server, None).await;
    assert_eq!(page.join("counter").await["count"], 0);
    page.send_all("counter", &[(1, json!({"add": {"by": 2}}))])
        .await;
    let sid = page.sid.clone();
    drop(page);

    // A crash: the count was committed before the page heard its ack.
    server.kill();
    let server = Showcase::start_built(std::path::Path::new(&built), folder.path());
    let mut page = LivePage::connect(&server, Some(&sid)).await;
    assert!(page.resumed(), "the session survives the crash");
    assert_eq!(page.join("counter").await["count"], 2);
    assert!(server.panics().is_empty(), "{}", server.log());
}

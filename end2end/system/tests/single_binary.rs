//! The showcase as one file: `kiln build` appends the built site to the release server, and
//! that binary, copied alone into an empty folder and started there with no settings, serves
//! the whole app: its pages, its hashed and precompressed JS, WASM and CSS, its public files,
//! a database it creates beside itself, and live state.

use kiln_system_tests::{LivePage, Showcase, send_raw};
use serde_json::json;

/// The first `/pkg/...` URL in `html` that ends with `suffix`.
fn asset(html: &str, suffix: &str) -> String {
    html.match_indices("/pkg/")
        .filter_map(|(at, _)| {
            let url = &html[at..];
            let end = url.find(['"', '\'', ' ', '>'])?;
            url[..end].ends_with(suffix).then(|| url[..end].to_owned())
        })
        .next()
        .unwrap_or_else(|| panic!("the page links no {suffix}: {html:.2000}"))
}

fn get(server: &Showcase, path: &str, accept_encoding: &str) -> kiln_system_tests::Answer {
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept-Encoding: {accept_encoding}\r\n\
         Connection: close\r\n\r\n",
        server.addr
    );
    send_raw(server.addr, request.as_bytes()).expect("the server answers")
}

#[tokio::test]
async fn the_built_binary_serves_the_app_alone_from_an_empty_folder() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let server = Showcase::start_single_binary(folder.path());

    let home = get(&server, "/counter", "identity");
    assert_eq!(home.status, 200, "{}", server.log());
    assert!(home.body.contains("<title>"), "{:.500}", home.body);

    for (suffix, content_type) in [
        (".wasm", "application/wasm"),
        (".js", "javascript"),
        (".css", "text/css"),
    ] {
        let url = asset(&home.body, suffix);
        let answer = get(&server, &url, "gzip, br");
        assert_eq!(answer.status, 200, "{url}");
        assert_eq!(answer.header("content-encoding"), Some("br"), "{url}");
        assert!(
            answer
                .header("content-type")
                .is_some_and(|value| value.contains(content_type)),
            "{url}: {:?}",
            answer.headers
        );
        assert!(
            answer
                .header("cache-control")
                .is_some_and(|value| value.contains("immutable")),
            "{url}"
        );
        let etag = answer.header("etag").expect("an ETag").to_owned();
        let again = send_raw(
            server.addr,
            format!(
                "GET {url} HTTP/1.1\r\nHost: {}\r\nAccept-Encoding: br\r\nIf-None-Match: {etag}\r\n\
                 Connection: close\r\n\r\n",
                server.addr
            )
            .as_bytes(),
        )
        .expect("answers");
        assert_eq!(again.status, 304, "{url}");
    }
    let favicon = get(&server, "/favicon.ico", "identity");
    assert_eq!(favicon.status, 200);
    assert!(favicon.header("content-encoding").is_none());
    assert_eq!(get(&server, "/pkg/no-such-file.js", "br").status, 404);
    assert_eq!(get(&server, "/kiln/hash.txt", "br").status, 404);

    // The database was created beside the binary and migrated: the guestbook reads from it.
    assert!(folder.path().join("data/app.db").is_file());
    assert_eq!(get(&server, "/guestbook", "identity").status, 200);

    // Live state round-trips.
    let mut page = LivePage::connect(&server, None).await;
    let start = page.join("live_counter").await["count"]
        .as_i64()
        .expect("a count");
    page.send_all("live_counter", &[(1, json!({"add": {"by": 3}}))])
        .await;
    let count = page.join("live_counter").await["count"]
        .as_i64()
        .expect("a count");
    assert_eq!(count, start + 3);
    assert!(server.panics().is_empty(), "{}", server.log());
}

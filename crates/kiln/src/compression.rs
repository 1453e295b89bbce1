//! Compressed pages: the server compresses the HTML it renders (and its sitemap and
//! robots.txt) with brotli or gzip, whichever the browser prefers, as it streams.
//!
//! The built JS, WASM and CSS are compressed once, at build time (`cargo leptos build
//! --precompress`), and served as they are; this layer compresses only what is made per
//! request. It keeps streaming: each part of an in-order or out-of-order page is flushed
//! through the compressor as it is rendered, so the browser starts on the `<head>` while the
//! rest is still being made.
//!
//! A compressed page that both carries a secret and shows what a visitor typed can leak the
//! secret through its size (BREACH). Kiln's pages carry one secret, the CSRF token of the auth
//! forms, and it is masked afresh in every response.

use axum::http::{HeaderMap, StatusCode, Version, header};
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// Bodies smaller than this are not worth a compressor's framing.
const MIN_SIZE: u16 = 256;

/// Brotli's and gzip's level 4: brotli's default (11) is for files compressed once, and costs
/// a page's render many times over; at 4 brotli still beats gzip's best, in a fraction of the
/// time.
const LEVEL: CompressionLevel = CompressionLevel::Precise(4);

/// The layer that compresses pages, the sitemap and robots.txt.
pub(crate) fn pages() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .quality(LEVEL)
        .compress_when(SizeAbove::new(MIN_SIZE).and(is_made_per_request))
}

/// The layer for the framework's stylesheet, which the server holds in memory: at the same
/// level, as it is compressed on each request that a browser's cache does not answer.
pub(crate) fn stylesheet() -> CompressionLayer {
    CompressionLayer::new().quality(LEVEL)
}

/// Whether a response is text the server made for this request: a page, the sitemap, the
/// robots.txt (the built assets arrive compressed already; server functions' data is left
/// alone).
fn is_made_per_request(
    _status: StatusCode,
    _version: Version,
    headers: &HeaderMap,
    _extensions: &axum::http::Extensions,
) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            ["text/html", "application/xml", "text/xml", "text/plain"]
                .iter()
                .any(|kind| value.starts_with(kind))
        })
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, header};
    use axum::routing::get;
    use futures::StreamExt;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// A page whose first part is ready at once and whose rest waits for `gate`.
    fn gated_page(gate: tokio::sync::oneshot::Receiver<()>) -> Router {
        let gate = std::sync::Arc::new(tokio::sync::Mutex::new(Some(gate)));
        Router::new()
            .route(
                "/",
                get(move || {
                    let gate = gate.clone();
                    async move {
                        let head = format!(
                            "<!DOCTYPE html><html><head><title>Gated</title></head><body>{}",
                            "<p>First part of the page.</p>".repeat(40)
                        );
                        let rest = futures::stream::once(async move {
                            if let Some(gate) = gate.lock().await.take() {
                                let _ = gate.await;
                            }
                            Ok::<_, std::io::Error>("<p>The rest.</p></body></html>".to_owned())
                        });
                        let body = futures::stream::once(async move { Ok(head) }).chain(rest);
                        (
                            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                            Body::from_stream(body),
                        )
                    }
                }),
            )
            .route(
                "/app.js",
                get(|| async {
                    (
                        [(header::CONTENT_TYPE, "text/javascript")],
                        "x".repeat(4096),
                    )
                }),
            )
            .route(
                "/tiny",
                get(|| async { ([(header::CONTENT_TYPE, "text/html")], "<p>hi</p>") }),
            )
            .layer(super::pages())
    }

    fn get_with(path: &str, encoding: &str) -> Request<Body> {
        Request::get(path)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .expect("request")
    }

    #[tokio::test]
    async fn a_page_streams_compressed_before_it_is_finished() {
        let (open, gate) = tokio::sync::oneshot::channel();
        let response = gated_page(gate)
            .oneshot(get_with("/", "gzip"))
            .await
            .expect("response");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        let mut body = response.into_body();
        let mut page = flate2::write::GzDecoder::new(Vec::new());
        // The gate is still shut: the first part must arrive, decodable, on its own. (The
        // timeout bounds a failure; a pass does not wait for it.)
        let first_part = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                let frame = body.frame().await.expect("a frame").expect("no error");
                if let Ok(data) = frame.into_data() {
                    page.write_all(&data).expect("gzip");
                    page.flush().expect("gzip");
                    if String::from_utf8_lossy(page.get_ref()).contains("First part") {
                        break;
                    }
                }
            }
        })
        .await;
        assert!(
            first_part.is_ok(),
            "the first part stayed in the compressor"
        );
        assert!(!String::from_utf8_lossy(page.get_ref()).contains("The rest."));

        open.send(()).expect("gate");
        let rest = body.collect().await.expect("rest").to_bytes();
        page.write_all(&rest).expect("gzip");
        let page = page.finish().expect("a complete gzip stream");
        assert!(String::from_utf8_lossy(&page).ends_with("<p>The rest.</p></body></html>"));
    }

    #[tokio::test]
    async fn brotli_when_preferred_and_only_for_pages_worth_it() {
        let (_open, gate) = tokio::sync::oneshot::channel();
        let page = gated_page(gate);
        let response = page
            .clone()
            .oneshot(get_with("/tiny", "br, gzip"))
            .await
            .expect("response");
        assert!(
            response.headers().get(header::CONTENT_ENCODING).is_none(),
            "too small"
        );
        let response = page
            .clone()
            .oneshot(get_with("/app.js", "br, gzip"))
            .await
            .expect("response");
        assert!(
            response.headers().get(header::CONTENT_ENCODING).is_none(),
            "built assets are precompressed at build time"
        );
        let response = page.oneshot(get_with("/", "br")).await.expect("response");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    }
}

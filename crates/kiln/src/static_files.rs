//! Static files: the built site (JS, WASM, CSS, public files) and the framework's stylesheet.

use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// `Cache-Control` for files whose name changes with their content.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else: cache, but ask the server (cheaply, with
/// `If-Modified-Since`) before each use.
pub(crate) const REVALIDATE: &str = "no-cache";

/// Serves files from the site root, preferring the `.br` and `.gz` siblings cargo-leptos writes
/// with `--precompress` when the client accepts them.
pub(crate) fn site_files(site_root: &str) -> ServeDir {
    ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
}

/// Serves `request` from `files`; `None` when no such file exists, so the caller can render its
/// 404 page. Files under `/{pkg_dir}/` whose names carry a hash are cached for a year, the rest
/// revalidated.
pub(crate) async fn serve_file(
    files: ServeDir,
    hashed_pkg_prefix: Option<&str>,
    request: Request<Body>,
) -> Option<Response<Body>> {
    if !matches!(request.method().as_str(), "GET" | "HEAD") {
        return None;
    }
    // No file is named with a NUL byte; the file system would refuse it with an error (500).
    let path = request.uri().path();
    if path.contains('\0') || path.to_ascii_lowercase().contains("%00") {
        return None;
    }
    let immutable = hashed_pkg_prefix.is_some_and(|prefix| {
        request
            .uri()
            .path()
            .strip_prefix(prefix)
            .is_some_and(has_content_hash)
    });
    let response = match files.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return None;
    }
    if response.status().is_server_error() {
        // A path the file system cannot look up (too long, not a name): no file here.
        tracing::debug!(status = %response.status(), "static file lookup failed");
        return None;
    }
    let mut response = response.map(Body::new);
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let policy = if immutable { IMMUTABLE } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    Some(response)
}

/// Whether a file name carries the hash of its content, as cargo-leptos names files with
/// `hash-files`: `app.HASH.wasm`, `app.HASH.wasm.br`, `chunk_12.HASH.wasm` (a part between the
/// name and the extension). A file a build left unhashed (`chunk_12.wasm`) has none.
fn has_content_hash(name: &str) -> bool {
    let name = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
        .unwrap_or(name);
    !name.contains('/') && name.split('.').count() >= 3
}

/// The framework stylesheet's response: its URL carries its hash, so it never changes.
pub(crate) fn framework_css() -> Response<Body> {
    let mut response = Response::new(Body::from(crate::FRAMEWORK_CSS));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    response
}

#[cfg(test)]
mod tests {
    use super::has_content_hash;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        assert!(has_content_hash(
            "kiln-showcase.QZwoEC0OOhs__6KdsBYEGg.wasm"
        ));
        assert!(has_content_hash(
            "__wasm_split.9GWhKoHw2WpixIb4mhmQtA.js.br"
        ));
        assert!(has_content_hash("chunk_12.GEOQcff8dZUk0aRFEquvuA.wasm"));
        // Without hash-files, names stay from build to build.
        assert!(!has_content_hash("chunk_12.wasm"));
        assert!(!has_content_hash(
            "split___live_view_4892329357065516371.wasm"
        ));
        assert!(!has_content_hash("nested/app.QZwoEC0OOhs__6KdsBYEGg.wasm"));
    }
}

//! The origin guard: every request that could act for someone (an unsafe method, or a
//! WebSocket handshake) must come from the site's own pages. It runs on every Kiln server,
//! with or without auth: live sockets act as whoever opened them.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderMap};
use http::{Method, StatusCode};
use std::sync::Arc;

/// Whether a request that could act for a user comes from another site: an unsafe method, or
/// a WebSocket handshake (a socket acts as whoever's cookie opened it), whose `Origin` (or else
/// `Referer`) names another host than the one it was sent to (its `Host`, or the authority of
/// its URI under HTTP/2) or the site's public address (`public`, for a proxy that rewrites
/// `Host`). Requests with neither header (not from a browser) pass.
pub(crate) fn is_cross_origin(
    method: &Method,
    headers: &HeaderMap,
    uri: &http::Uri,
    public: &str,
) -> bool {
    let handshake = headers
        .get(header::UPGRADE)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"websocket"));
    if method.is_safe() && !handshake {
        return false;
    }
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER));
    let Some(source) = source else {
        return false;
    };
    let source_url = source.to_str().unwrap_or_default();
    let Some(source) = authority_of(source_url) else {
        // `Origin: null` (a sandboxed frame, a privacy redirect) or garbage: refuse.
        return true;
    };
    // The public site under another scheme (a plain-http page of an https site, which anyone
    // on the network can forge) is another origin.
    if authority_of(public).is_some_and(|own| own.eq_ignore_ascii_case(&source))
        && scheme_of(source_url) != scheme_of(public)
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let own = [
        host.map(str::to_owned),
        uri.authority().map(|a| a.as_str().to_owned()),
        authority_of(public),
    ];
    !own.iter()
        .flatten()
        .any(|own| own.eq_ignore_ascii_case(&source))
}

/// The scheme of a URL, lower-cased.
fn scheme_of(url: &str) -> Option<String> {
    url.split_once("://")
        .map(|(scheme, _)| scheme.to_ascii_lowercase())
}

/// The `host[:port]` of a URL.
fn authority_of(url: &str) -> Option<String> {
    url.parse::<http::Uri>()
        .ok()
        .and_then(|uri| uri.authority().map(|a| a.as_str().to_owned()))
}

/// Refuses cross-site requests (see [`is_cross_origin`]) with 403. `public` is the site's
/// public address (`KILN_PUBLIC_URL`).
pub(crate) async fn refuse_cross_origin(
    State(public): State<Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    if is_cross_origin(request.method(), request.headers(), request.uri(), &public) {
        tracing::warn!(
            "refused a cross-origin {} to {}",
            request.method(),
            request.uri().path()
        );
        return (
            StatusCode::FORBIDDEN,
            "cross-origin request refused: this site only accepts forms and calls from its own pages",
        )
            .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(name, HeaderValue::from_str(value).expect("header"));
        }
        headers
    }

    fn is_cross(method: &Method, headers: &HeaderMap) -> bool {
        is_cross_origin(
            method,
            headers,
            &http::Uri::from_static("/path"),
            "https://public.example",
        )
    }

    #[test]
    fn cross_origin_posts_are_told_apart() {
        let same = headers(&[
            (header::HOST, "app.example:3000"),
            (header::ORIGIN, "http://app.example:3000"),
        ]);
        assert!(!is_cross(&Method::POST, &same));
        let other = headers(&[
            (header::HOST, "app.example:3000"),
            (header::ORIGIN, "https://evil.example"),
        ]);
        assert!(is_cross(&Method::POST, &other));
        assert!(!is_cross(&Method::GET, &other), "safe methods pass");
        let referer = headers(&[
            (header::HOST, "app.example"),
            (header::REFERER, "https://evil.example/page"),
        ]);
        assert!(is_cross(&Method::POST, &referer));
        let null = headers(&[(header::HOST, "app.example"), (header::ORIGIN, "null")]);
        assert!(is_cross(&Method::POST, &null));
        let tool = headers(&[(header::HOST, "app.example")]);
        assert!(!is_cross(&Method::POST, &tool), "no browser, no CSRF");
        let downgraded = headers(&[
            (header::HOST, "public.example"),
            (header::ORIGIN, "http://public.example"),
        ]);
        assert!(
            is_cross(&Method::POST, &downgraded),
            "the https site's name over plain http is another origin"
        );
        let public = headers(&[
            (header::HOST, "public.example"),
            (header::ORIGIN, "https://public.example"),
        ]);
        assert!(!is_cross(&Method::POST, &public));
    }
}

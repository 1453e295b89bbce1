//! The security headers on every response, and the host check.
//!
//! Every response gets, unless the handler set the header itself:
//!
//! | header | default |
//! |--------|---------|
//! | `Content-Security-Policy` | [`DEFAULT_CSP`]: scripts only from the site and the page's own nonce, no framing |
//! | `X-Frame-Options` | `DENY` (for browsers that predate `frame-ancestors`) |
//! | `X-Content-Type-Options` | `nosniff` |
//! | `Referrer-Policy` | `strict-origin-when-cross-origin` (a reset link's `?token=` never leaves the site) |
//! | `Strict-Transport-Security` | `max-age=63072000; includeSubDomains`, when `KILN_PUBLIC_URL` is `https://` |
//!
//! Each response has a nonce of its own: the policy's `{nonce}` stands for it, and the pages
//! Kiln renders put it on their scripts ([`Document`](crate::Document)'s hydration script and
//! Leptos's streamed resources read it with `leptos::nonce::use_nonce`). Change any header
//! with [`Server::security_headers`](crate::Server::security_headers).
//!
//! When `KILN_PUBLIC_URL` is set, a request whose `Host` is not the public URL's host (nor the
//! address the server listens on, for health checks from the machine itself) is refused with
//! 421: a DNS-rebinding page cannot reach the server under a name of its own.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, StatusCode, header};
use std::sync::Arc;

/// Kiln's default Content-Security-Policy; `{nonce}` is replaced by each response's nonce.
/// `'wasm-unsafe-eval'` lets the page compile its WebAssembly; inline `style` attributes stay
/// allowed (components set them), inline scripts only with the nonce.
pub const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// The security headers a [`Server`](crate::Server) sends; see the [module docs](self). Each
/// setter takes `None` to send no such header.
///
/// ```
/// let headers = kiln::SecurityHeaders::default()
///     .content_security_policy(Some(format!("{} ; img-src 'self' https://images.example", kiln::DEFAULT_CSP)))
///     .frame_options(Some("SAMEORIGIN"));
/// ```
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    csp: Option<String>,
    frame_options: Option<String>,
    nosniff: bool,
    referrer_policy: Option<String>,
    hsts: Option<String>,
}

impl Default for SecurityHeaders {
    fn default() -> Self {
        Self {
            csp: Some(DEFAULT_CSP.to_owned()),
            frame_options: Some("DENY".to_owned()),
            nosniff: true,
            referrer_policy: Some("strict-origin-when-cross-origin".to_owned()),
            hsts: Some("max-age=63072000; includeSubDomains".to_owned()),
        }
    }
}

impl SecurityHeaders {
    /// The `Content-Security-Policy`; `{nonce}` stands for the response's nonce.
    pub fn content_security_policy(mut self, policy: Option<impl Into<String>>) -> Self {
        self.csp = policy.map(Into::into);
        self
    }

    /// `X-Frame-Options` (`DENY` or `SAMEORIGIN`).
    pub fn frame_options(mut self, value: Option<impl Into<String>>) -> Self {
        self.frame_options = value.map(Into::into);
        self
    }

    /// Whether to send `X-Content-Type-Options: nosniff`.
    pub fn nosniff(mut self, on: bool) -> Self {
        self.nosniff = on;
        self
    }

    /// The `Referrer-Policy`.
    pub fn referrer_policy(mut self, value: Option<impl Into<String>>) -> Self {
        self.referrer_policy = value.map(Into::into);
        self
    }

    /// `Strict-Transport-Security`, sent only when the public URL is `https://`.
    pub fn strict_transport_security(mut self, value: Option<impl Into<String>>) -> Self {
        self.hsts = value.map(Into::into);
        self
    }
}

/// The nonce of the response being made, in the request's extensions: the render puts it on
/// its scripts.
#[derive(Clone, Debug)]
pub(crate) struct ResponseNonce(pub Arc<str>);

/// What the middleware applies: the headers, made into values once, and the hosts accepted.
pub(crate) struct Policy {
    csp: Option<String>,
    fixed: Vec<(HeaderName, HeaderValue)>,
    /// `None`: any host (no public URL was configured).
    hosts: Option<Vec<String>>,
}

impl Policy {
    /// The policy for a server whose public URL is `public_url` (`configured`: set by
    /// `KILN_PUBLIC_URL`, not derived from the listening address) listening on `listen`.
    ///
    /// In development (`reload_port`: cargo-leptos's live-reload socket), the policy's
    /// `connect-src 'self'` also admits that socket.
    pub fn new(
        headers: SecurityHeaders,
        public_url: &str,
        configured: bool,
        listen: std::net::SocketAddr,
        reload_port: Option<u32>,
    ) -> Result<Self, crate::Error> {
        let https = public_url.starts_with("https://");
        let value = |name: &HeaderName, value: &str| {
            HeaderValue::try_from(value).map_err(|_| crate::Error::Config {
                var: "security headers",
                value: value.to_owned(),
                reason: format!("not a valid value for the {name} header"),
            })
        };
        let mut fixed = Vec::new();
        for (name, given) in [
            (header::X_FRAME_OPTIONS, headers.frame_options),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                headers.nosniff.then(|| "nosniff".to_owned()),
            ),
            (header::REFERRER_POLICY, headers.referrer_policy),
            (
                header::STRICT_TRANSPORT_SECURITY,
                headers.hsts.filter(|_| https),
            ),
        ] {
            if let Some(given) = given {
                fixed.push((name.clone(), value(&name, &given)?));
            }
        }
        if let Some(csp) = &headers.csp {
            value(
                &header::CONTENT_SECURITY_POLICY,
                &csp.replace("{nonce}", "nonce"),
            )?;
        }
        let hosts = configured.then(|| {
            let public = url::Url::parse(public_url).ok();
            let mut hosts: Vec<String> = public
                .iter()
                .filter_map(|url| {
                    let host = url.host_str()?;
                    Some(match url.port() {
                        Some(port) => format!("{host}:{port}"),
                        None => host.to_owned(),
                    })
                })
                .collect();
            hosts.push(listen.to_string());
            hosts
        });
        let csp = match reload_port {
            Some(port) => headers.csp.map(|csp| {
                csp.replace(
                    "connect-src 'self'",
                    &format!("connect-src 'self' ws://*:{port} wss://*:{port}"),
                )
            }),
            None => headers.csp,
        };
        Ok(Self { csp, fixed, hosts })
    }

    fn admits(&self, request: &Request) -> bool {
        let Some(hosts) = &self.hosts else {
            return true;
        };
        // HTTP/2 carries the host in the URI's authority.
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|host| host.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()));
        host.is_some_and(|host| hosts.iter().any(|h| h.eq_ignore_ascii_case(host)))
    }
}

/// Refuses requests to other hosts, then puts the headers on the response.
pub(crate) async fn middleware(
    State(policy): State<Arc<Policy>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !policy.admits(&request) {
        tracing::warn!(
            host = ?request.headers().get(header::HOST),
            "refused a request for another host"
        );
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "this server does not answer for that host",
        )
            .into_response();
    }
    let nonce: Arc<str> = new_nonce().into();
    request
        .extensions_mut()
        .insert(ResponseNonce(nonce.clone()));
    let mut response = next.run(request).await;
    // A 304's headers replace those of the browser's copy, whose scripts carry the nonce
    // their response had: a new policy would refuse them.
    let not_modified = response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    if let Some(csp) = &policy.csp
        && !not_modified
        && !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(value) = HeaderValue::try_from(csp.replace("{nonce}", &nonce))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    for (name, value) in &policy.fixed {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    response
}

/// 16 random bytes, base64url: a CSP nonce.
fn new_nonce() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 16];
    // Without the OS's randomness a nonce would be guessable: better to stop than guess.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// For a render: the response's nonce, as Leptos's `use_nonce` gives it to scripts.
///
/// A page rendered for every visitor (see [`crate::cache`]) gets a hole instead, which the
/// cache fills with each response's nonce.
pub(crate) fn provide_response_nonce() {
    use leptos::prelude::{provide_context, with_context};
    if let Some(hole) = kiln_core::cache::hole(NONCE_HOLE) {
        provide_context(leptos::nonce::Nonce::from_value(hole));
    } else if let Some(nonce) = with_context::<http::request::Parts, _>(|parts| {
        parts.extensions.get::<ResponseNonce>().cloned()
    })
    .flatten()
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

/// The name of the hole a kept page has wherever its nonce goes.
pub(crate) const NONCE_HOLE: &str = "nonce";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_fresh_and_url_safe() {
        let (a, b) = (new_nonce(), new_nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }

    #[test]
    fn hosts_are_checked_only_with_a_public_url() {
        let listen: std::net::SocketAddr = "127.0.0.1:3000".parse().expect("addr");
        let open = Policy::new(
            SecurityHeaders::default(),
            "http://127.0.0.1:3000",
            false,
            listen,
            Some(3001),
        )
        .expect("policy");
        assert!(
            open.csp
                .as_deref()
                .is_some_and(|csp| csp.contains("connect-src 'self' ws://*:3001 wss://*:3001")),
            "development: the live-reload socket is allowed"
        );
        let request = |host: &str| {
            Request::builder()
                .uri("/")
                .header(header::HOST, host)
                .body(axum::body::Body::empty())
                .expect("request")
        };
        assert!(open.admits(&request("evil.example")));
        let strict = Policy::new(
            SecurityHeaders::default(),
            "https://app.example",
            true,
            listen,
            None,
        )
        .expect("policy");
        assert!(strict.admits(&request("app.example")));
        assert!(strict.admits(&request("APP.example")));
        assert!(strict.admits(&request("127.0.0.1:3000")));
        assert!(!strict.admits(&request("evil.example")));
        assert!(!strict.admits(&request("app.example.evil.example")));
        assert!(
            strict
                .fixed
                .iter()
                .any(|(name, _)| name == header::STRICT_TRANSPORT_SECURITY),
            "HSTS with an https public URL"
        );
        assert!(
            !open
                .fixed
                .iter()
                .any(|(name, _)| name == header::STRICT_TRANSPORT_SECURITY),
            "no HSTS over http"
        );
    }
}

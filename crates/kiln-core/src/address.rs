//! Who is behind a request: [`ClientAddress`], what per-client limits key on.

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// The address of the client behind a request, in every request's extensions on a Kiln
/// server: the connection's peer, or, when the server trusts its proxy (`KILN_TRUST_PROXY`),
/// the last address the proxy added to `X-Forwarded-For`. What per-client limits key on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddress {
    /// The client's IP address.
    pub ip: std::net::IpAddr,
    /// Whether it came from `X-Forwarded-For` (a trusted proxy's word).
    pub forwarded: bool,
}

impl ClientAddress {
    /// Whether limits per address apply: not to a peer on this machine that is not a trusted
    /// proxy's client. Behind a local proxy that is not trusted, every client would share the
    /// proxy's address, and one client's limit would be everyone's.
    pub fn is_limited(&self) -> bool {
        self.forwarded || !self.ip.is_loopback()
    }

    /// What limits count by: an IPv4 address whole; an IPv6 client by its /64, which one
    /// machine usually holds whole (`2001:db8:1:2::/64`).
    pub fn limit_key(&self) -> String {
        match self.ip {
            std::net::IpAddr::V6(ip) => {
                let [a, b, c, d, ..] = ip.segments();
                format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
            }
            std::net::IpAddr::V4(ip) => ip.to_string(),
        }
    }
}

/// The middleware that puts the [`ClientAddress`] in each request's extensions.
pub async fn client_address(
    State(trust_proxy): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(address) = address_of(&request, trust_proxy) {
        request.extensions_mut().insert(address);
    }
    next.run(request).await
}

/// The client behind `request`: the last address a trusted proxy added to `X-Forwarded-For`,
/// or the connection's peer.
fn address_of(request: &Request, trust_proxy: bool) -> Option<ClientAddress> {
    let forwarded = trust_proxy
        .then(|| {
            let value = request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .next_back()?;
            let last = value.to_str().ok()?.rsplit(',').next()?;
            last.trim().parse::<std::net::IpAddr>().ok()
        })
        .flatten();
    let peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    match (forwarded, peer) {
        (Some(ip), _) => Some(ClientAddress {
            ip: ip.to_canonical(),
            forwarded: true,
        }),
        (None, Some(ip)) => Some(ClientAddress {
            ip: ip.to_canonical(),
            forwarded: false,
        }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::HeaderValue;

    fn request(forwarded: Option<&str>, peer: &str) -> Request {
        let mut request = Request::new(Body::empty());
        if let Some(forwarded) = forwarded {
            request.headers_mut().insert(
                "x-forwarded-for",
                HeaderValue::from_str(forwarded).expect("header"),
            );
        }
        let peer: std::net::SocketAddr = peer.parse().expect("address");
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    }

    fn key(request: &Request, trust_proxy: bool) -> Option<String> {
        address_of(request, trust_proxy).map(|address| address.limit_key())
    }

    #[test]
    fn clients_are_told_apart_by_address_or_by_the_trusted_proxy() {
        let proxied = request(Some("198.51.100.7, 203.0.113.9"), "10.0.0.2:5000");
        assert_eq!(key(&proxied, true).as_deref(), Some("203.0.113.9"));
        assert_eq!(
            key(&proxied, false).as_deref(),
            Some("10.0.0.2"),
            "untrusted: the peer"
        );
        let forged = request(Some("not an address"), "10.0.0.2:5000");
        assert_eq!(key(&forged, true).as_deref(), Some("10.0.0.2"));
        let v6 = request(None, "[2001:db8:1:2:3:4:5:6]:443");
        assert_eq!(key(&v6, false).as_deref(), Some("2001:db8:1:2::/64"));
        let mapped = request(None, "[::ffff:192.0.2.1]:80");
        assert_eq!(key(&mapped, false).as_deref(), Some("192.0.2.1"));
        assert_eq!(address_of(&Request::new(Body::empty()), true), None);
    }
}

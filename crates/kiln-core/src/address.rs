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
}

/// The middleware that puts the [`ClientAddress`] in each request's extensions.
pub async fn client_address(
    State(trust_proxy): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
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
    let address = match (forwarded, peer) {
        (Some(ip), _) => Some(ClientAddress {
            ip: ip.to_canonical(),
            forwarded: true,
        }),
        (None, Some(ip)) => Some(ClientAddress {
            ip: ip.to_canonical(),
            forwarded: false,
        }),
        (None, None) => None,
    };
    if let Some(address) = address {
        request.extensions_mut().insert(address);
    }
    next.run(request).await
}

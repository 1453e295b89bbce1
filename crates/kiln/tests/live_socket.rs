//! The live socket over real TCP: the protocol end to end, and "going away" on shutdown.
#![cfg(feature = "ssr")]

use futures::{SinkExt, StreamExt};
use kiln::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Counter {
    pub count: i64,
}

#[live_events]
impl Counter {
    pub fn increment(&mut self, by: i64) {
        self.count += by;
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn next_json(socket: &mut Socket) -> Value {
    loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => {
                return serde_json::from_str(text.as_str()).expect("JSON frames");
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

async fn send(socket: &mut Socket, frame: Value) {
    socket
        .send(Message::text(frame.to_string()))
        .await
        .expect("sent");
}

#[tokio::test]
async fn a_browser_socket_speaks_the_protocol_and_hears_going_away_on_shutdown() {
    let hub = LiveHub::start(Live::new().state::<Counter>())
        .await
        .expect("a hub");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("an address");
    let router = hub.routes::<()>();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let (mut socket, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/_kiln/live"))
        .await
        .expect("connected");
    send(&mut socket, json!({"t": "hello", "proto": 1})).await;
    let welcome = next_json(&mut socket).await;
    assert_eq!(welcome["t"], "welcome");
    assert_eq!(welcome["resumed"], false);

    send(&mut socket, json!({"t": "join", "s": "counter", "v": 0})).await;
    assert_eq!(
        next_json(&mut socket).await,
        json!({"t": "snap", "s": "counter", "v": 1, "d": {"count": 0}})
    );
    send(
        &mut socket,
        json!({"t": "ev", "seq": 1, "s": "counter", "e": {"increment": {"by": 3}}}),
    )
    .await;
    assert_eq!(
        next_json(&mut socket).await,
        json!({"t": "delta", "s": "counter", "v": 2, "d": {"count": 3}})
    );
    assert_eq!(next_json(&mut socket).await, json!({"t": "ack", "seq": 1}));

    let stopping = tokio::spawn({
        let hub = hub.clone();
        async move { hub.shutdown().await }
    });
    match socket.next().await {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(frame.code, CloseCode::Away),
        other => panic!("expected a close frame, got {other:?}"),
    }
    // The client answers the close; the shutdown ends once the connection is gone.
    while socket.next().await.is_some() {}
    tokio::time::timeout(std::time::Duration::from_secs(10), stopping)
        .await
        .expect("the shutdown ends once every connection closed")
        .expect("no panic");
}

/// What a connect hook copies from the socket's request.
#[derive(Clone)]
struct Language(String);

/// What the hub gives every handler.
#[derive(Clone)]
struct Greeting(&'static str);

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Greeter {
    pub text: String,
}

#[live_events]
impl Greeter {
    pub fn greet(&mut self, ctx: &mut Ctx<Self>) {
        let greeting = ctx.extension::<Greeting>().map_or("?", |g| g.0);
        let language = ctx
            .extension::<Language>()
            .map_or_else(|| "?".into(), |l| l.0);
        self.text = format!("{greeting} in {language}");
    }
}

#[tokio::test]
async fn handlers_read_what_the_hub_provides_and_what_connect_hooks_copied_from_the_request() {
    let live = Live::new()
        .state::<Greeter>()
        .provide(Greeting("hello"))
        .on_connect(|request, session| {
            if let Some(language) = request.headers.get("accept-language") {
                let language = language.to_str().unwrap_or_default().to_owned();
                session.insert(Language(language));
            }
        });
    let hub = LiveHub::start(live).await.expect("a hub");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("an address");
    let router = hub.routes::<()>();
    tokio::spawn(async move { axum::serve(listener, router).await });

    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = format!("ws://{addr}/_kiln/live")
        .into_client_request()
        .expect("a request");
    request
        .headers_mut()
        .insert("accept-language", "fr".parse().expect("a header value"));
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("connected");
    send(&mut socket, json!({"t": "hello", "proto": 1})).await;
    assert_eq!(next_json(&mut socket).await["t"], "welcome");
    send(&mut socket, json!({"t": "join", "s": "greeter", "v": 0})).await;
    assert_eq!(next_json(&mut socket).await["t"], "snap");
    send(
        &mut socket,
        json!({"t": "ev", "seq": 1, "s": "greeter", "e": {"greet": {}}}),
    )
    .await;
    assert_eq!(
        next_json(&mut socket).await,
        json!({"t": "delta", "s": "greeter", "v": 2, "d": {"text": "hello in fr"}})
    );
}

/// Serves `hub`'s socket as if every client came from `ip` (as Kiln's server says with
/// [`kiln::ClientAddress`]).
async fn serve_from(hub: &LiveHub, ip: &str) -> std::net::SocketAddr {
    let address = kiln::ClientAddress {
        ip: ip.parse().expect("an IP"),
        forwarded: false,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("an address");
    let router = hub.routes::<()>().layer(axum::middleware::from_fn(
        move |mut request: axum::extract::Request, next: axum::middleware::Next| async move {
            request.extensions_mut().insert(address);
            next.run(request).await
        },
    ));
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

async fn open(addr: std::net::SocketAddr) -> Result<Socket, u16> {
    match tokio_tungstenite::connect_async(format!("ws://{addr}/_kiln/live")).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(other) => panic!("cannot connect: {other}"),
    }
}

#[tokio::test]
async fn one_address_holds_a_bounded_number_of_live_sockets() {
    let live = Live::new().state::<Counter>().address_limits(2, 1, 30);
    let hub = LiveHub::start(live).await.expect("a hub");
    let addr = serve_from(&hub, "203.0.113.7").await;
    let first = open(addr).await.expect("the first socket");
    let _second = open(addr).await.expect("the second socket");
    assert_eq!(
        open(addr).await.err(),
        Some(429),
        "a third is refused before the upgrade"
    );
    drop(first);
    // The first socket's slot comes back once the server has seen it close.
    let again = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        loop {
            if let Ok(socket) = open(addr).await {
                return socket;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(again.is_ok(), "a slot frees when a socket closes");

    // A peer on this machine that is not a trusted proxy's client is not limited.
    let local = serve_from(&hub, "127.0.0.1").await;
    let mut sockets = Vec::new();
    for _ in 0..5 {
        sockets.push(open(local).await.expect("not limited"));
    }
}

#[tokio::test]
async fn one_address_makes_new_sessions_at_a_bounded_rate_and_resumes_freely() {
    let live = Live::new().state::<Counter>().address_limits(64, 1, 2);
    let hub = LiveHub::start(live).await.expect("a hub");
    let addr = serve_from(&hub, "2001:db8::1").await;
    let mut sids = Vec::new();
    for _ in 0..2 {
        let mut socket = open(addr).await.expect("a socket");
        send(&mut socket, json!({"t": "hello", "proto": 1})).await;
        let welcome = next_json(&mut socket).await;
        assert_eq!(welcome["t"], "welcome", "{welcome}");
        sids.push(welcome["sid"].as_str().unwrap_or_default().to_owned());
    }
    let mut third = open(addr).await.expect("a socket");
    send(&mut third, json!({"t": "hello", "proto": 1})).await;
    let refused = next_json(&mut third).await;
    assert_eq!(refused["t"], "err", "{refused}");
    assert_eq!(refused["code"], "rate_limited", "{refused}");

    // Resuming a session takes nothing from the budget.
    let mut back = open(addr).await.expect("a socket");
    send(&mut back, json!({"t": "hello", "proto": 1, "sid": sids[0]})).await;
    let welcome = next_json(&mut back).await;
    assert_eq!(welcome["resumed"], true, "{welcome}");
}

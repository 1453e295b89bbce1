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
    let hub = LiveHub::start(Live::new().state::<Counter>(), None)
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

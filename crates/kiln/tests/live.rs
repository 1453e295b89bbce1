//! Live state, driven through the headless test client: deltas, versions, server-only fields,
//! handlers' powers, bad input, rate limits, reconnects, eviction, the database store, rooms.
#![cfg(feature = "ssr")]

use kiln::live::protocol::{ErrorCode, ToastLevel, close};
use kiln::live::testing::TestClient;
use kiln::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::time::{Duration, Instant};

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Counter {
    pub count: i64,
    pub label: String,
    #[live(server_only)]
    pub secret: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum CounterError {
    #[error("the count cannot go below zero")]
    Negative,
}

#[live_events]
impl Counter {
    pub fn increment(&mut self, by: i64) {
        self.count += by;
        self.secret = format!("touched at {}", self.count);
    }

    pub fn decrement(&mut self) -> Result<(), CounterError> {
        if self.count == 0 {
            return Err(CounterError::Negative);
        }
        self.count -= 1;
        Ok(())
    }

    pub fn rename(&mut self, label: String) {
        self.label = label;
    }

    pub async fn slow_add(&mut self, ctx: &mut Ctx<Self>) {
        self.label = "loading".into();
        ctx.flush(self).await;
        self.count += 1;
        self.label = String::new();
    }

    pub fn explode(&mut self) {
        self.count = 99;
        panic!("boom");
    }

    pub fn twice(&mut self, ctx: &mut Ctx<Self>) {
        self.count += 1;
        ctx.chain(CounterEvent::Increment { by: 10 });
    }

    pub fn tick_later(&mut self, ctx: &mut Ctx<Self>, times: u32) {
        ctx.spawn(move |counter| async move {
            for _ in 0..times {
                if counter.update(|c| c.count += 1).await.is_err() {
                    return;
                }
            }
        });
    }

    pub fn wait_forever(&mut self, ctx: &mut Ctx<Self>) {
        ctx.spawn(|_| std::future::pending());
    }

    pub fn go(&mut self, ctx: &mut Ctx<Self>) {
        ctx.redirect("/elsewhere");
        ctx.toast("saved", ToastLevel::Success);
        ctx.download("/files/report.csv", "report.csv");
        ctx.scroll_to("#bottom");
        ctx.focus("input[name=text]");
        ctx.copy("copied text");
        ctx.set_title("A new title");
    }
}

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
#[live(shared)]
pub struct Room {
    pub messages: Vec<String>,
}

#[live_events]
impl Room {
    pub fn say(&mut self, text: String) {
        self.messages.push(text);
    }

    pub fn call_me(&mut self, ctx: &mut Ctx<Self>, name: String) {
        ctx.set_presence_name(name);
    }
}

fn live() -> Live {
    Live::new().state::<Counter>().state::<Room>()
}

async fn hub() -> LiveHub {
    LiveHub::start(live()).await.expect("a hub")
}

async fn counter_client(hub: &LiveHub) -> TestClient {
    let mut client = TestClient::connect(hub).await;
    client.join::<Counter>().await;
    client
}

#[tokio::test]
async fn a_snapshot_holds_the_browser_fields_and_never_the_server_only_ones() {
    let hub = hub().await;
    let mut client = TestClient::connect(&hub).await;
    client.send_text(r#"{"t":"join","s":"counter","v":0}"#);
    let snap = client.frame_where("a snapshot", |f| f["t"] == "snap").await;
    assert_eq!(snap["v"], 1);
    assert_eq!(snap["d"], json!({"count": 0, "label": ""}));

    client
        .call::<Counter>(CounterEvent::Increment { by: 1 })
        .await
        .expect("applied");
    let secret = client
        .server_state::<Counter, _>(None, |c| c.secret.clone())
        .await;
    assert_eq!(secret, "touched at 1", "the server holds the field");
}

#[tokio::test]
async fn a_delta_carries_only_the_fields_that_changed_with_the_next_version() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;

    client
        .call::<Counter>(CounterEvent::Increment { by: 5 })
        .await
        .expect("applied");
    let deltas: Vec<_> = client
        .received()
        .into_iter()
        .filter(|f| f["t"] == "delta")
        .collect();
    assert_eq!(
        deltas,
        vec![json!({"t": "delta", "s": "counter", "v": 2, "d": {"count": 5}})],
        "the server-only field changed too, and is not sent"
    );
    assert_eq!(client.view::<Counter>().count, 5);
    assert_eq!(client.version::<Counter>(None), 2);

    let seq = client.send::<Counter>(CounterEvent::Rename { label: "hi".into() });
    let delta = client.frame_where("a delta", |f| f["t"] == "delta").await;
    assert_eq!(
        delta["d"],
        json!({"label": "hi"}),
        "count did not change: not sent"
    );
    assert_eq!(delta["v"], 3);
    client.result_of(seq).await.expect("applied");

    // An event that changes nothing sends no delta, only its ack.
    let seq = client.send::<Counter>(CounterEvent::Increment { by: 0 });
    let next = client.next_frame().await;
    assert_eq!(next, json!({"t": "ack", "seq": seq}));
    assert_eq!(client.version::<Counter>(None), 3);
}

#[tokio::test]
async fn a_handler_error_reaches_the_client_typed_and_changes_nothing() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    let failure = client
        .call::<Counter>(CounterEvent::Decrement {})
        .await
        .expect_err("cannot go below zero");
    assert_eq!(failure.code, ErrorCode::Handler);
    assert_eq!(failure.message, "the count cannot go below zero");
    let detail: CounterError =
        serde_json::from_str(failure.detail.as_deref().expect("a detail")).expect("typed");
    assert_eq!(detail, CounterError::Negative);
    assert_eq!(client.view::<Counter>().count, 0);
}

#[tokio::test]
async fn flush_sends_changes_before_the_handler_returns() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    let seq = client.send::<Counter>(CounterEvent::SlowAdd {});
    let first = client
        .frame_where("the flushed delta", |f| f["t"] == "delta")
        .await;
    assert_eq!(first["d"], json!({"label": "loading"}));
    let second = client
        .frame_where("the final delta", |f| f["t"] == "delta")
        .await;
    assert_eq!(second["d"], json!({"count": 1, "label": ""}));
    client.result_of(seq).await.expect("applied");
}

#[tokio::test]
async fn a_panicking_handler_fails_its_event_and_nothing_else() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    let mut other = counter_client(&hub).await;

    let failure = client
        .call::<Counter>(CounterEvent::Explode {})
        .await
        .expect_err("it panicked");
    assert_eq!(failure.code, ErrorCode::Panic);
    assert!(failure.message.contains("boom"), "{}", failure.message);
    // What it changed before panicking is the server's state, and the page shows it.
    assert_eq!(client.view::<Counter>().count, 99);

    client
        .call::<Counter>(CounterEvent::Increment { by: 1 })
        .await
        .expect("still serving");
    assert_eq!(client.view::<Counter>().count, 100);
    other
        .call::<Counter>(CounterEvent::Increment { by: 1 })
        .await
        .expect("untouched");
    assert_eq!(other.view::<Counter>().count, 1);
}

#[tokio::test]
async fn a_chained_event_runs_after_its_handler_within_the_same_event() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    client
        .call::<Counter>(CounterEvent::Twice {})
        .await
        .expect("applied");
    assert_eq!(client.view::<Counter>().count, 11);
}

#[tokio::test]
async fn a_background_task_updates_the_state_after_its_handler_returned() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    client
        .call::<Counter>(CounterEvent::TickLater { times: 3 })
        .await
        .expect("applied");
    client
        .frame_where("the task's third update", |f| {
            f["t"] == "delta" && f["d"]["count"] == 3
        })
        .await;
    assert_eq!(client.view::<Counter>().count, 3);
}

#[tokio::test]
async fn handlers_ask_the_browser_to_act() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    client
        .call::<Counter>(CounterEvent::Go {})
        .await
        .expect("applied");
    let commands: Vec<_> = client
        .received()
        .into_iter()
        .filter(|f| f["t"] == "cmd")
        .collect();
    assert_eq!(
        commands,
        vec![
            json!({"t": "cmd", "cmd": {"do": "redirect", "to": "/elsewhere"}}),
            json!({"t": "cmd", "cmd": {"do": "toast", "text": "saved", "level": "success"}}),
            json!({"t": "cmd", "cmd": {"do": "download", "url": "/files/report.csv", "filename": "report.csv"}}),
            json!({"t": "cmd", "cmd": {"do": "scroll_to", "selector": "#bottom"}}),
            json!({"t": "cmd", "cmd": {"do": "focus", "selector": "input[name=text]"}}),
            json!({"t": "cmd", "cmd": {"do": "copy", "text": "copied text"}}),
            json!({"t": "cmd", "cmd": {"do": "set_title", "title": "A new title"}}),
        ]
    );
}

async fn error_for(client: &mut TestClient, text: &str) -> serde_json::Value {
    client.send_text(text);
    client.frame_where("an error", |f| f["t"] == "err").await
}

#[tokio::test]
async fn bad_frames_get_clear_errors_and_the_connection_goes_on() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;

    let err = error_for(&mut client, "{not json").await;
    assert_eq!(err["code"], "bad_frame");
    assert!(
        err["msg"]
            .as_str()
            .is_some_and(|m| m.contains("not a frame")),
        "{err}"
    );

    let err = error_for(&mut client, r#"{"t":"ev","seq":1,"s":"nope","e":{"x":{}}}"#).await;
    assert_eq!(err["code"], "unknown_state");
    assert_eq!(err["seq"], 1);

    let err = error_for(
        &mut client,
        r#"{"t":"ev","seq":2,"s":"counter","e":{"incremnt":{"by":1}}}"#,
    )
    .await;
    assert_eq!(err["code"], "bad_event");
    assert!(
        err["msg"]
            .as_str()
            .is_some_and(|m| m.contains("unknown variant `incremnt`")),
        "{err}"
    );

    let err = error_for(
        &mut client,
        r#"{"t":"ev","seq":3,"s":"counter","e":{"increment":{"by":"one"}}}"#,
    )
    .await;
    assert_eq!(err["code"], "bad_event");
    assert!(
        err["msg"]
            .as_str()
            .is_some_and(|m| m.contains("invalid type")),
        "{err}"
    );

    let err = error_for(
        &mut client,
        r#"{"t":"ev","seq":4,"s":"room","r":"lobby","e":{"say":{"text":"x"}}}"#,
    )
    .await;
    assert_eq!(err["code"], "not_joined");

    let err = error_for(&mut client, r#"{"t":"join","s":"room","v":0}"#).await;
    assert_eq!(err["code"], "bad_room");

    let err = error_for(&mut client, r#"{"t":"ev","s":"counter"}"#).await;
    assert_eq!(err["code"], "bad_frame");

    client.send_binary();
    let err = client.frame_where("an error", |f| f["t"] == "err").await;
    assert_eq!(err["code"], "bad_frame");

    // The session still works, and the failed events counted as consumed.
    client.send_text(r#"{"t":"ev","seq":5,"s":"counter","e":{"increment":{"by":1}}}"#);
    client
        .frame_where("its ack", |f| f["t"] == "ack" && f["seq"] == 5)
        .await;
    assert_eq!(client.view::<Counter>().count, 1);
    assert_eq!(client.closed(), None);
}

#[tokio::test]
async fn protocol_violations_close_the_connection_with_a_code() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    client.send_text(r#"{"t":"hello","proto":1}"#);
    client.frame_where("the close", |f| f["t"] == "close").await;
    assert_eq!(client.closed().map(|c| c.0), Some(close::PROTOCOL));

    let hub = LiveHub::start(live().max_frame_bytes(1024))
        .await
        .expect("a hub");
    let mut client = counter_client(&hub).await;
    let big = format!(
        r#"{{"t":"ev","seq":1,"s":"counter","e":{{"rename":{{"label":"{}"}}}}}}"#,
        "x".repeat(2000)
    );
    let err = error_for(&mut client, &big).await;
    assert_eq!(err["code"], "too_big");
    client.frame_where("the close", |f| f["t"] == "close").await;
    assert_eq!(client.closed().map(|c| c.0), Some(close::TOO_BIG));
}

#[tokio::test]
async fn resuming_an_unknown_session_starts_a_new_one() {
    let hub = hub().await;
    let mut client = TestClient::resume(&hub, "no-such-session").await;
    assert_ne!(client.sid(), "no-such-session");
    assert_eq!(client.join::<Counter>().await.count, 0);
}

#[tokio::test]
async fn event_floods_are_rate_limited_then_disconnected() {
    let hub = LiveHub::start(live().rate_limit(1, 3))
        .await
        .expect("a hub");
    let mut client = counter_client(&hub).await;
    let seqs: Vec<u64> = (0..5)
        .map(|_| client.send::<Counter>(CounterEvent::Increment { by: 1 }))
        .collect();
    let mut acked = 0;
    let mut limited = 0;
    for seq in seqs {
        let frame = client
            .frame_where("a result", |f| {
                f["seq"] == seq && (f["t"] == "ack" || f["t"] == "err")
            })
            .await;
        if frame["t"] == "ack" {
            acked += 1;
        } else {
            // The first refused event is rate limited; the next one came after a gap.
            let code = if limited == 0 {
                "rate_limited"
            } else {
                "out_of_order"
            };
            assert_eq!(frame["code"], code, "{frame}");
            assert!(
                frame["retry_ms"].as_u64().is_some_and(|ms| ms > 0),
                "{frame}"
            );
            limited += 1;
        }
    }
    assert_eq!((acked, limited), (3, 2), "a burst of 3, then refusals");
    assert_eq!(
        client.view::<Counter>().count,
        3,
        "refused events were not applied"
    );

    for _ in 0..4 {
        client.send::<Counter>(CounterEvent::Increment { by: 1 });
    }
    client.frame_where("the close", |f| f["t"] == "close").await;
    assert_eq!(client.closed().map(|c| c.0), Some(close::POLICY));
}

fn increment_frame(seq: u64, by: i64) -> String {
    json!({"t": "ev", "seq": seq, "s": "counter", "e": {"increment": {"by": by}}}).to_string()
}

async fn result_frame(client: &mut TestClient, seq: u64) -> serde_json::Value {
    client
        .frame_where(&format!("the result of event {seq}"), |f| {
            f["seq"] == seq && (f["t"] == "ack" || f["t"] == "err")
        })
        .await
}

#[tokio::test]
async fn a_rate_limited_event_sent_again_is_applied_in_order_exactly_once() {
    let hub = LiveHub::start(live().rate_limit(1, 2))
        .await
        .expect("a hub");
    let mut client = counter_client(&hub).await;
    for (seq, by) in [(1, 1), (2, 10)] {
        client.send_text(&increment_frame(seq, by));
        assert_eq!(result_frame(&mut client, seq).await["t"], "ack");
    }
    client.send_text(&increment_frame(3, 100));
    let limited = result_frame(&mut client, 3).await;
    assert_eq!(limited["code"], "rate_limited", "{limited}");

    // By the time the page sends event 4, the bucket has a token again: event 4 must still
    // wait for event 3, or event 3 would be acknowledged without effect when sent again.
    let retry = limited["retry_ms"].as_u64().expect("retry_ms");
    tokio::time::sleep(Duration::from_millis(retry + 50)).await;
    client.send_text(&increment_frame(4, 1000));
    let refused = result_frame(&mut client, 4).await;
    assert_eq!(refused["code"], "out_of_order", "{refused}");
    assert_eq!(
        client.server_state::<Counter, _>(None, |c| c.count).await,
        11
    );

    for (seq, by) in [(3, 100), (4, 1000)] {
        // As a page does: send it again until it is not rate limited.
        loop {
            client.send_text(&increment_frame(seq, by));
            let result = result_frame(&mut client, seq).await;
            if result["code"] != "rate_limited" {
                assert_eq!(result["t"], "ack", "{result}");
                break;
            }
            let retry = result["retry_ms"].as_u64().expect("retry_ms");
            tokio::time::sleep(Duration::from_millis(retry)).await;
        }
    }
    assert_eq!(
        client.server_state::<Counter, _>(None, |c| c.count).await,
        1111,
        "every event once, in order"
    );
}

#[tokio::test]
async fn an_event_that_skips_ahead_is_refused_and_changes_nothing() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    for seq in [u64::MAX, 5] {
        client.send_text(&increment_frame(seq, 1));
        let refused = result_frame(&mut client, seq).await;
        assert_eq!(refused["code"], "out_of_order", "{refused}");
    }
    client.send_text(&increment_frame(1, 7));
    assert_eq!(result_frame(&mut client, 1).await["t"], "ack");
    client.send_text(&increment_frame(2, 7));
    assert_eq!(result_frame(&mut client, 2).await["t"], "ack");
    assert_eq!(
        client.server_state::<Counter, _>(None, |c| c.count).await,
        14,
        "the refused events did not count, nor move the session's sequence"
    );
}

#[tokio::test]
async fn events_whose_acks_were_lost_are_applied_exactly_once_after_a_reconnect() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    for _ in 0..3 {
        client.send::<Counter>(CounterEvent::Increment { by: 1 });
    }
    // The server applies the three events, but the connection drops before their acks arrive.
    client.disconnect().await;
    // Made while disconnected: queued.
    client.send::<Counter>(CounterEvent::Increment { by: 10 });
    client.send::<Counter>(CounterEvent::Increment { by: 100 });
    client.reconnect().await;
    let last = client.send::<Counter>(CounterEvent::Increment { by: 1000 });
    client.result_of(last).await.expect("applied");
    assert_eq!(
        client.view::<Counter>().count,
        1113,
        "each event once, none lost"
    );

    // An event sent again with an old sequence number is acknowledged, not applied.
    client.send_text(r#"{"t":"ev","seq":2,"s":"counter","e":{"increment":{"by":1}}}"#);
    client
        .frame_where("the ack", |f| f["t"] == "ack" && f["seq"] == 2)
        .await;
    let count = client.server_state::<Counter, _>(None, |c| c.count).await;
    assert_eq!(count, 1113);
}

#[tokio::test]
async fn a_reconnect_resyncs_what_changed_while_disconnected() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    client
        .call::<Counter>(CounterEvent::TickLater { times: 0 })
        .await
        .expect("applied");
    client.disconnect().await;
    client.reconnect().await;
    assert_eq!(client.view::<Counter>().count, 0);
    // Held at the server's version already: no snapshot is sent again.
    assert!(client.received().iter().all(|f| f["t"] != "snap"));
}

#[tokio::test]
async fn idle_sessions_are_evicted_after_the_ttl_with_their_tasks() {
    let hub = LiveHub::start(live().ttl(Duration::from_secs(60)))
        .await
        .expect("a hub");
    let mut idle = counter_client(&hub).await;
    let mut connected = counter_client(&hub).await;
    idle.call::<Counter>(CounterEvent::WaitForever {})
        .await
        .expect("applied");
    idle.disconnect().await;
    assert_eq!(hub.session_count(), 2);

    assert_eq!(
        hub.evict_idle(Instant::now() + Duration::from_secs(30)),
        0,
        "not yet"
    );
    assert_eq!(hub.evict_idle(Instant::now() + Duration::from_secs(61)), 1);
    assert_eq!(hub.session_count(), 1, "the connected session stays");
    assert_eq!(hub.state_count(), 1, "and only its state");
    connected
        .call::<Counter>(CounterEvent::Increment { by: 1 })
        .await
        .expect("still live");

    // The evicted page reconnects to a new session.
    idle.reconnect().await;
    assert_eq!(idle.view::<Counter>().count, 0);
}

#[tokio::test]
async fn the_database_store_keeps_sessions_across_a_restart() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let sid = {
        let db = Db::connect(&url).await.expect("a database");
        let hub = LiveHub::start(live().provide(db).store_in_database())
            .await
            .expect("a hub");
        let mut client = counter_client(&hub).await;
        client
            .call::<Counter>(CounterEvent::Increment { by: 2 })
            .await
            .expect("applied");
        client
            .call::<Counter>(CounterEvent::Rename {
                label: "kept".into(),
            })
            .await
            .expect("applied");
        client.disconnect().await;
        client.sid().to_owned()
    };

    let db = Db::connect(&url).await.expect("the database again");
    let hub = LiveHub::start(live().provide(db).store_in_database())
        .await
        .expect("a new hub");
    let mut client = TestClient::resume(&hub, &sid).await;
    assert_eq!(client.sid(), sid, "the session was resumed");
    let view = client.join::<Counter>().await;
    assert_eq!((view.count, view.label.as_str()), (2, "kept"));
    assert_eq!(client.version::<Counter>(None), 3);
    let secret = client
        .server_state::<Counter, _>(None, |c| c.secret.clone())
        .await;
    assert_eq!(secret, "touched at 2", "server-only fields are kept too");

    // The session's applied events survived too: event 2 is not applied twice.
    client.send_text(r#"{"t":"ev","seq":2,"s":"counter","e":{"rename":{"label":"again"}}}"#);
    client
        .frame_where("the ack", |f| f["t"] == "ack" && f["seq"] == 2)
        .await;
    assert_eq!(client.view::<Counter>().label, "kept");
}

#[tokio::test]
async fn purging_the_database_store_drops_old_sessions_sooner_than_old_rooms() {
    use kiln::DbStore;
    use kiln::live::{Change, StateStore, Stored};
    use std::time::SystemTime;

    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let store = DbStore::open(Db::connect(&url).await.expect("a database"))
        .await
        .expect("a store");
    let changes: Vec<Change> = ["s/abc", "p/counter/abc", "r/chat/lobby"]
        .into_iter()
        .map(|key| Change {
            key: key.into(),
            value: Some(Stored {
                version: 1,
                data: "{}".into(),
            }),
        })
        .collect();
    store.apply(&changes).await.expect("saved");
    let now = SystemTime::now();
    assert_eq!(
        store
            .purge(now - Duration::from_secs(60), now - Duration::from_secs(60))
            .await
            .expect("purged"),
        0
    );
    assert_eq!(
        store
            .purge(now + Duration::from_secs(2), now - Duration::from_secs(60))
            .await
            .expect("purged"),
        2,
        "the session and its private state"
    );
    assert!(store.load("s/abc").await.expect("read").is_none());
    assert!(store.load("p/counter/abc").await.expect("read").is_none());
    assert_eq!(
        store
            .load("r/chat/lobby")
            .await
            .expect("read")
            .map(|s| s.version),
        Some(1),
        "shared rooms are app data: they stay longer"
    );
    assert_eq!(
        store
            .purge(now + Duration::from_secs(2), now + Duration::from_secs(2))
            .await
            .expect("purged"),
        1,
        "a room nobody changed for long enough goes too"
    );
    assert!(store.load("r/chat/lobby").await.expect("read").is_none());
}

#[tokio::test]
async fn a_room_is_shared_by_its_sessions_with_presence() {
    let hub = hub().await;
    let mut ann = TestClient::connect(&hub).await;
    let mut bob = TestClient::connect(&hub).await;
    ann.join_room::<Room>("lobby").await;
    bob.join_room::<Room>("lobby").await;
    let mut elsewhere = TestClient::connect(&hub).await;
    elsewhere.join_room::<Room>("kitchen").await;

    ann.call_in::<Room>("lobby", RoomEvent::CallMe { name: "Ann".into() })
        .await
        .expect("named");
    ann.call_in::<Room>(
        "lobby",
        RoomEvent::Say {
            text: "hello".into(),
        },
    )
    .await
    .expect("said");
    bob.frame_where("Ann's message", |f| {
        f["t"] == "delta" && f["d"]["messages"] == json!(["hello"])
    })
    .await;
    assert_eq!(bob.view_in::<Room>(Some("lobby")).messages, vec!["hello"]);
    let presence = bob
        .frame_where("Ann's name", |f| {
            f["t"] == "presence"
                && f["p"]
                    .as_array()
                    .is_some_and(|p| p.iter().any(|u| u["name"] == "Ann"))
        })
        .await;
    assert_eq!(presence["p"].as_array().map(Vec::len), Some(2));
    assert!(
        elsewhere
            .view_in::<Room>(Some("kitchen"))
            .messages
            .is_empty()
    );

    ann.disconnect().await;
    let presence = bob
        .frame_where("Ann leaving", |f| {
            f["t"] == "presence" && f["p"].as_array().map(Vec::len) == Some(1)
        })
        .await;
    assert!(
        presence["p"][0]["name"].is_null(),
        "only Bob, who gave no name, is left"
    );
}

#[tokio::test]
async fn the_client_view_renders_to_html() {
    let hub = hub().await;
    let mut client = counter_client(&hub).await;
    client
        .call::<Counter>(CounterEvent::Increment { by: 41 })
        .await
        .expect("applied");
    client
        .call::<Counter>(CounterEvent::Increment { by: 1 })
        .await
        .expect("applied");
    let html = client.render::<Counter, _>(|counter| {
        view! { <p>"Count: " <b>{counter.count}</b></p> }
    });
    assert_eq!(html, "<p>Count: <b>42</b></p>");
}

/// How many `Ticker` tasks are running, by room (each test uses rooms of its own).
static TICKERS: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

fn tickers(room: &str) -> usize {
    TICKERS
        .lock()
        .map(|tickers| tickers.get(room).copied().unwrap_or(0))
        .unwrap_or(0)
}

/// Counts a running ticker task of a room until the task ends (or is aborted).
struct TickerAlive(String);

impl TickerAlive {
    fn enter(room: String) -> Self {
        if let Ok(mut tickers) = TICKERS.lock() {
            *tickers.entry(room.clone()).or_default() += 1;
        }
        Self(room)
    }
}

impl Drop for TickerAlive {
    fn drop(&mut self) {
        if let Ok(mut tickers) = TICKERS.lock() {
            *tickers.entry(self.0.clone()).or_default() -= 1;
        }
    }
}

/// A room whose `on_load` starts a task that ticks every few milliseconds, as a dashboard's
/// sampler does.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
#[live(shared)]
pub struct Ticker {
    pub ticks: u64,
}

#[live_events]
impl Ticker {
    fn on_load(ctx: &LoadCtx<Self>) -> Self {
        let room = ctx.room().unwrap_or_default().to_owned();
        ctx.spawn(|ticker| async move {
            let _alive = TickerAlive::enter(room);
            loop {
                tokio::time::sleep(Duration::from_millis(5)).await;
                // Updates never fail while the room is in memory: only an abort ends the task.
                let _ = ticker.update(|t| t.ticks += 1).await;
            }
        });
        Self::default()
    }

    pub fn noop(&mut self) {}
}

/// Waits (up to 10 s) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(10), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "timed out waiting for {what}");
}

fn ticker_live() -> Live {
    live().state::<Ticker>().room_ttl(Duration::from_secs(60))
}

#[tokio::test]
async fn sessions_made_by_renders_wait_briefly_and_are_bounded() {
    use kiln::live::testing::render_page;
    let hub = LiveHub::start(live().render_ttl(Duration::from_secs(10), 5))
        .await
        .expect("a hub");
    // A crawler: eight pages rendered, none connects.
    let mut sids = Vec::new();
    for _ in 0..8 {
        sids.push(render_page::<Counter>(&hub, None).await);
    }
    assert_eq!(
        hub.session_count(),
        5,
        "the oldest waiting sessions went first"
    );
    assert_eq!(hub.state_count(), 5, "with their states");

    // A browser: its page connects within the render TTL and resumes the rendered session.
    let mut page = TestClient::resume(&hub, &sids[7]).await;
    assert!(page.resumed(), "the page gets the session its render made");
    page.join::<Counter>().await;
    page.call::<Counter>(CounterEvent::Increment { by: 2 })
        .await
        .expect("applied");

    let later = Instant::now() + Duration::from_secs(11);
    assert_eq!(hub.evict_idle(later), 4, "the four that never connected");
    assert_eq!(hub.session_count(), 1, "the connected page stays");
    assert_eq!(page.view::<Counter>().count, 2);

    // A page that connects after its render session went still works, in a new session.
    let mut late = TestClient::resume(&hub, &sids[6]).await;
    assert!(!late.resumed());
    late.join::<Counter>().await;
    late.call::<Counter>(CounterEvent::Increment { by: 1 })
        .await
        .expect("applied");
    assert_eq!(late.view::<Counter>().count, 1);
}

#[tokio::test]
async fn a_page_joins_a_bounded_number_of_states_at_a_bounded_rate() {
    let hub = LiveHub::start(live().join_limits(3, 100, 100))
        .await
        .expect("a hub");
    let mut page = TestClient::connect(&hub).await;
    for room in ["a", "b", "c"] {
        page.join_room::<Room>(room).await;
    }
    let refused = page
        .try_join_in::<Room>(Some("d"))
        .await
        .err()
        .expect("a fourth join is refused");
    assert_eq!(refused.code, ErrorCode::TooManyJoins);
    assert_eq!(hub.state_count(), 3, "the refused room was never loaded");
    page.join_room::<Room>("a").await;
    page.send_text(r#"{"t":"leave","s":"room","r":"b"}"#);
    page.join_room::<Room>("d").await;

    let hub = LiveHub::start(live().join_limits(32, 1, 2))
        .await
        .expect("a hub");
    let mut fast = TestClient::connect(&hub).await;
    fast.join_room::<Room>("a").await;
    fast.join_room::<Room>("b").await;
    let refused = fast
        .try_join_in::<Room>(Some("c"))
        .await
        .err()
        .expect("a third join at once is refused");
    assert_eq!(refused.code, ErrorCode::RateLimited);
    assert_eq!(hub.state_count(), 2);
}

#[tokio::test]
async fn a_room_and_its_tasks_end_after_its_last_viewer_left() {
    let hub = LiveHub::start(ticker_live()).await.expect("a hub");
    let mut viewer = TestClient::connect(&hub).await;
    viewer.join_room::<Ticker>("ops").await;
    until("the room's task", || tickers("ops") == 1).await;
    viewer.frame_where("a tick", |f| f["t"] == "delta").await;

    // Connected: the room stays however long it lives.
    let now = Instant::now();
    hub.evict_idle(now);
    hub.evict_idle(now + Duration::from_secs(3600));
    assert_eq!(hub.state_count(), 1);

    // Gone (its session still within the session TTL): the room goes after the room TTL.
    viewer.disconnect().await;
    let now = Instant::now();
    hub.evict_idle(now);
    hub.evict_idle(now + Duration::from_secs(30));
    assert_eq!(hub.state_count(), 1, "not yet");
    hub.evict_idle(now + Duration::from_secs(61));
    assert_eq!(hub.state_count(), 0, "the room left memory");
    assert_eq!(hub.session_count(), 1, "its session did not");
    until("the room's task to end", || tickers("ops") == 0).await;

    // The viewer comes back: the room loads again and its task starts again.
    viewer.reconnect().await;
    viewer.join_room::<Ticker>("ops").await;
    until("the room's task again", || tickers("ops") == 1).await;
    viewer
        .call_in::<Ticker>("ops", TickerEvent::Noop {})
        .await
        .expect("the room answers");
}

#[tokio::test]
async fn a_stored_room_restarts_its_tasks_and_keeps_its_value_when_it_comes_back() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let db = Db::connect(&url).await.expect("a database");
    let hub = LiveHub::start(ticker_live().provide(db).store_in_database())
        .await
        .expect("a hub");
    let mut viewer = TestClient::connect(&hub).await;
    viewer.join_room::<Ticker>("stored-ops").await;
    let ticked = viewer
        .frame_where("a few ticks", |f| {
            f["t"] == "delta" && f["d"]["ticks"].as_u64().is_some_and(|t| t >= 3)
        })
        .await;
    let ticked = ticked["d"]["ticks"].as_u64().unwrap_or_default();
    viewer.disconnect().await;
    let now = Instant::now();
    hub.evict_idle(now);
    hub.evict_idle(now + Duration::from_secs(61));
    assert_eq!(hub.state_count(), 0);

    viewer.reconnect().await;
    let back = viewer.join_room::<Ticker>("stored-ops").await;
    assert!(
        back.ticks >= ticked,
        "the stored value: {} < {ticked}",
        back.ticks
    );
    viewer
        .frame_where("ticking again", |f| {
            f["t"] == "delta" && f["d"]["ticks"].as_u64().is_some_and(|t| t > back.ticks)
        })
        .await;
}

#[tokio::test]
async fn a_session_that_never_held_a_state_is_kept_only_briefly() {
    let hub = hub().await;
    let mut hello_only = TestClient::connect(&hub).await;
    hello_only.disconnect().await;
    let mut page = counter_client(&hub).await;
    page.disconnect().await;
    assert_eq!(hub.session_count(), 2);
    assert_eq!(
        hub.evict_idle(Instant::now() + Duration::from_secs(61)),
        1,
        "the one that only said hello, after the render TTL"
    );
    assert_eq!(
        hub.session_count(),
        1,
        "a page's session waits the whole TTL"
    );
}

//! Live state in Redis (`KILN_REDIS_URL`): the store itself, a session that moves between two
//! instances sharing one Redis, and the start-up errors. Needs the Redis at
//! `KILN_TEST_REDIS_URL` (scripts/test.sh starts one); outside CI, the tests skip without it.
#![cfg(all(feature = "ssr", feature = "redis"))]

use kiln::leptos::config::LeptosOptions;
use kiln::live::testing::TestClient;
use kiln::live::{Change, RedisStore, StateStore, Stored};
use kiln::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime};

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Tally {
    pub count: i64,
    pub last: String,
}

#[live_events]
impl Tally {
    pub fn add(&mut self, by: i64, from: String) {
        self.count += by;
        self.last = from;
    }
}

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
#[live(shared)]
pub struct Board {
    pub count: i64,
    pub said: Vec<String>,
}

#[live_events]
impl Board {
    pub fn say(&mut self, text: String) {
        self.count += 1;
        self.said.push(text);
    }
}

/// A store on the test Redis, under keys of this test's own (deleted by [`clean`]).
async fn store(test: &str) -> Option<RedisStore> {
    let url = kiln::testing::redis_url()?;
    let prefix = format!("kiln-test:{test}:{}:", std::process::id());
    let store = RedisStore::open_with_prefix(&url, &prefix)
        .await
        .expect("Redis is up");
    clean(&store).await;
    Some(store)
}

/// Deletes everything the test stored.
async fn clean(store: &RedisStore) {
    let later = SystemTime::now() + Duration::from_secs(3600);
    store.purge(later, later).await.expect("purged");
}

fn save(key: &str, version: u64, data: &str) -> Change {
    Change {
        key: key.into(),
        value: Some(Stored {
            version,
            data: data.into(),
        }),
    }
}

#[tokio::test]
async fn the_redis_store_keeps_loads_deletes_and_purges() {
    let Some(store) = store("store").await else {
        return;
    };
    assert!(store.shared(), "other instances write to it too");
    store
        .apply(&[
            save("s/abc", 0, r#"{"last_seq":3}"#),
            save("p/tally/abc", 4, r#"{"count":1, "last":"a b"}"#),
            save("r/chat/lobby", 9, "{}"),
            save("r/chat/kitchen", 1, "{}"),
        ])
        .await
        .expect("saved");
    assert_eq!(
        store.load("p/tally/abc").await.expect("read"),
        Some(Stored {
            version: 4,
            data: r#"{"count":1, "last":"a b"}"#.into()
        }),
        "the version and the JSON, spaces and all"
    );
    assert_eq!(store.load("p/tally/nobody").await.expect("read"), None);

    // A transaction: a save and a delete together.
    store
        .apply(&[
            save("p/tally/abc", 5, "{}"),
            Change {
                key: "r/chat/kitchen".into(),
                value: None,
            },
        ])
        .await
        .expect("applied");
    assert_eq!(
        store
            .load("p/tally/abc")
            .await
            .expect("read")
            .map(|s| s.version),
        Some(5)
    );
    assert_eq!(store.load("r/chat/kitchen").await.expect("read"), None);

    let now = SystemTime::now();
    let past = now - Duration::from_secs(60);
    let soon = now + Duration::from_secs(2);
    assert_eq!(store.purge(past, past).await.expect("purged"), 0);
    assert_eq!(
        store.purge(soon, past).await.expect("purged"),
        2,
        "the session and its private state"
    );
    assert_eq!(store.load("s/abc").await.expect("read"), None);
    assert_eq!(
        store
            .load("r/chat/lobby")
            .await
            .expect("read")
            .map(|s| s.version),
        Some(9),
        "shared rooms are app data: they stay longer"
    );
    assert_eq!(store.purge(soon, soon).await.expect("purged"), 1);
    assert_eq!(store.load("r/chat/lobby").await.expect("read"), None);
}

#[tokio::test]
async fn a_session_moves_between_instances_and_counts_each_event_once() {
    let Some(store) = store("moves").await else {
        return;
    };
    let live = || Live::new().state::<Tally>().store(store.clone());
    let here = LiveHub::start(live()).await.expect("instance A");
    let there = LiveHub::start(live()).await.expect("instance B");

    let mut page = TestClient::connect(&here).await;
    page.join::<Tally>().await;
    for _ in 0..2 {
        page.call::<Tally>(TallyEvent::Add {
            by: 1,
            from: "A".into(),
        })
        .await
        .expect("applied on A");
    }

    // The load balancer sends the reconnect to the other instance.
    page.move_to(&there).await;
    assert!(page.resumed(), "B resumes the session from Redis");
    assert_eq!(page.join::<Tally>().await.count, 2);
    page.call::<Tally>(TallyEvent::Add {
        by: 10,
        from: "B".into(),
    })
    .await
    .expect("applied on B");

    // And back to A, which still holds its copy of the session: B's event is not lost, and
    // A's copy (two events behind) is not used.
    page.move_to(&here).await;
    assert!(page.resumed());
    assert_eq!(page.join::<Tally>().await.count, 12);
    assert_eq!(
        page.server_state::<Tally, _>(None, |t| (t.count, t.last.clone()))
            .await,
        (12, "B".to_owned()),
        "A reads B's state from Redis"
    );
    page.call::<Tally>(TallyEvent::Add {
        by: 100,
        from: "A".into(),
    })
    .await
    .expect("applied on A again");
    assert_eq!(page.view::<Tally>().count, 112);

    // Event 3 ran on B: sent again to A, it is acknowledged without running twice.
    page.send_text(r#"{"t":"ev","seq":3,"s":"tally","e":{"add":{"by":1000,"from":"again"}}}"#);
    page.frame_where("the ack", |f| f["t"] == "ack" && f["seq"] == 3)
        .await;
    assert_eq!(page.server_state::<Tally, _>(None, |t| t.count).await, 112);
    clean(&store).await;
}

#[component]
fn App() -> impl IntoView {
    "an app"
}

fn shell(options: LeptosOptions) -> impl IntoView {
    view! { <Document options><App/></Document> }
}

#[tokio::test]
async fn a_redis_that_does_not_answer_stops_the_server_with_the_variable_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("site/pkg")).expect("pkg dir");
    let config = kiln::Config::from_vars([
        (
            "LEPTOS_SITE_ROOT",
            dir.path().join("site").display().to_string(),
        ),
        (
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("app.db").display()),
        ),
        (
            "KILN_DATA_DIR",
            dir.path().join("data").display().to_string(),
        ),
        // Nothing listens on port 1.
        (
            "KILN_REDIS_URL",
            "redis://user:hunter2@127.0.0.1:1".to_owned(),
        ),
    ])
    .expect("a valid config");
    let started = kiln::Server::new(App, shell)
        .config(config)
        .live(Live::new().state::<Tally>())
        .router()
        .await;
    let Err(err) = started else {
        panic!("the server started without its Redis");
    };
    let message = err.to_string();
    assert!(message.starts_with("KILN_REDIS_URL="), "{message}");
    assert!(message.contains("cannot reach Redis"), "{message}");
    assert!(
        !message.contains("hunter2"),
        "the password is not shown: {message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");

    let err =
        kiln::Config::from_vars([("KILN_REDIS_URL", "127.0.0.1:6379")]).expect_err("not a URL");
    assert!(err.to_string().contains("expected a Redis URL"), "{err}");
}

/// Reads frames until `client`'s copy of the lobby's board counts `count`.
async fn until_count(client: &mut TestClient, count: i64) {
    while client.view_in::<Board>(Some("lobby")).count != count {
        client
            .frame_where("a change of the board", |f| {
                f["t"] == "delta" || f["t"] == "snap"
            })
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_is_one_state_across_instances_even_when_both_change_it_at_once() {
    let Some(store) = store("rooms").await else {
        return;
    };
    let live = || Live::new().state::<Board>().store(store.clone());
    let here = LiveHub::start(live()).await.expect("instance A");
    let there = LiveHub::start(live()).await.expect("instance B");
    let mut ann = TestClient::connect(&here).await;
    let mut bob = TestClient::connect(&there).await;
    ann.join_room::<Board>("lobby").await;
    bob.join_room::<Board>("lobby").await;

    // An event on A reaches the page on B, and the other way round.
    ann.call_in::<Board>(
        "lobby",
        BoardEvent::Say {
            text: "hello".into(),
        },
    )
    .await
    .expect("said on A");
    until_count(&mut bob, 1).await;
    assert_eq!(bob.view_in::<Board>(Some("lobby")).said, vec!["hello"]);
    bob.call_in::<Board>("lobby", BoardEvent::Say { text: "hi".into() })
        .await
        .expect("said on B");
    until_count(&mut ann, 2).await;
    assert_eq!(
        ann.view_in::<Board>(Some("lobby")).said,
        vec!["hello", "hi"]
    );

    // Both instances take events for the room at once: each counts once, none is lost, and
    // the two pages end with the same state at the same version.
    let mut sent = Vec::new();
    for n in 0..20 {
        sent.push((
            ann.send_in::<Board>(
                Some("lobby"),
                BoardEvent::Say {
                    text: format!("a{n}"),
                },
            ),
            bob.send_in::<Board>(
                Some("lobby"),
                BoardEvent::Say {
                    text: format!("b{n}"),
                },
            ),
        ));
    }
    for (from_ann, from_bob) in sent {
        ann.result_of(from_ann).await.expect("applied");
        bob.result_of(from_bob).await.expect("applied");
    }
    until_count(&mut ann, 42).await;
    until_count(&mut bob, 42).await;
    let (on_a, on_b) = (
        ann.view_in::<Board>(Some("lobby")),
        bob.view_in::<Board>(Some("lobby")),
    );
    assert_eq!(on_a.said, on_b.said, "one order on both instances");
    let mut said = on_a.said.clone();
    said.sort();
    said.dedup();
    assert_eq!(said.len(), 42, "every event once: {:?}", on_a.said);
    assert_eq!(
        ann.version::<Board>(Some("lobby")),
        bob.version::<Board>(Some("lobby")),
        "the versions never fork"
    );
    assert_eq!(
        store
            .load("r/board/lobby")
            .await
            .expect("read")
            .map(|stored| stored.version),
        Some(ann.version::<Board>(Some("lobby")))
    );
    clean(&store).await;
}

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

/// A store on the test Redis, under keys of this test's own (deleted by [`clean`]).
async fn store(test: &str) -> Option<RedisStore> {
    let Ok(url) = std::env::var("KILN_TEST_REDIS_URL") else {
        // scripts/test.sh always sets it; CI must never skip a Redis test silently.
        assert!(
            std::env::var_os("CI").is_none(),
            "KILN_TEST_REDIS_URL must be set in CI"
        );
        eprintln!("KILN_TEST_REDIS_URL is not set: skipping the Redis test");
        return None;
    };
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

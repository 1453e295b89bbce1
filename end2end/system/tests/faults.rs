//! Faults: the showcase's release server killed (SIGKILL) or stopped (SIGTERM) in the middle of a
//! burst of live events, many times over; after a restart every event must have counted exactly
//! once. The live counter keeps its state in the server's database, as the showcase ships.

use kiln_system_tests::{LivePage, Rng, Showcase};
use serde_json::{Value, json};

/// Events per burst: each adds its own `seq` to the count, so a lost event and one applied
/// twice both show in the total.
const EVENTS: u64 = 100;
const TOTAL: i64 = (EVENTS * (EVENTS + 1) / 2) as i64;

fn add(seq: u64) -> Value {
    json!({"add": {"by": seq}})
}

enum Stop {
    Kill,
    Terminate,
}

/// One run: a page sends a burst of events; after `acks` of them are acknowledged the server
/// is stopped; a new server starts on the same database, the page reconnects and sends what
/// was not acknowledged, as the browser runtime does. Returns the final count.
async fn burst_then_stop(server: Showcase, stop: &Stop, acks: u64) -> (Showcase, i64) {
    let (stopped, sid) = burst_until_stopped(server, stop, acks).await;
    let replacement = stopped.restart();
    let count = resume_and_finish(&replacement, &sid, acks).await;
    (replacement, count)
}

/// A page sends a burst of events to `server`, which is stopped after `acks` of them are
/// acknowledged. Returns the stopped server and the page's session.
async fn burst_until_stopped(server: Showcase, stop: &Stop, acks: u64) -> (Showcase, String) {
    let mut page = LivePage::connect(&server, None).await;
    let start = page.join("live_counter").await;
    assert_eq!(start["count"], 0);
    page.burst("live_counter", EVENTS, add, acks).await;
    let sid = page.sid.clone();
    let mut server = server;
    let server = match stop {
        Stop::Kill => {
            server.kill();
            server
        }
        Stop::Terminate => {
            // The page keeps reading, as a browser does: it hears the acks of the events the
            // server finishes, then "going away", and answers the close.
            let stopping = tokio::task::spawn_blocking(move || {
                let status = server.terminate();
                (server, status)
            });
            while page.next_frame().await.is_some() {}
            let (server, status) = stopping.await.expect("no panic");
            assert!(
                status.success(),
                "SIGTERM ends the server cleanly: {status}"
            );
            server
        }
    };
    (server, sid)
}

/// The page of session `sid` reconnects to `server` and sends what was not acknowledged, as
/// the browser runtime does. Returns the final count.
async fn resume_and_finish(server: &Showcase, sid: &str, acks: u64) -> i64 {
    let mut page = LivePage::connect(server, Some(sid)).await;
    // Every event the session applied is in the store with the session's seq, or none of it.
    let applied = if page.resumed() { page.applied() } else { 0 };
    assert!(
        applied >= acks.min(EVENTS),
        "acknowledged events are never lost: {acks} acked, {applied} stored"
    );
    page.join("live_counter").await;
    // A new session counts its events from 1 again, as the page renumbers them.
    let remaining: Vec<(u64, Value)> = (applied + 1..=EVENTS)
        .map(|seq| {
            let number = if page.resumed() { seq } else { seq - applied };
            (number, add(seq))
        })
        .collect();
    page.send_all("live_counter", &remaining).await;
    page.join("live_counter").await["count"]
        .as_i64()
        .expect("a count")
}

async fn stop_mid_burst_many_times(stop: Stop, runs: u32) {
    let dir = tempfile_dir();
    let url = format!("sqlite://{}/faults.db", dir.display());
    stop_mid_burst_on(&url, &dir, stop, runs).await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn stop_mid_burst_on(url: &str, dir: &std::path::Path, stop: Stop, runs: u32) {
    let mut server = Showcase::start(url, &dir.join("data"));
    // Where in the burst each run stops the server: seeded, so a failure replays.
    let mut stops = Rng(u64::from(runs) * 7919);
    let mut wrong = Vec::new();
    for run in 0..runs {
        let acks = stops.below(EVENTS as usize) as u64;
        let (next, count) = burst_then_stop(server, &stop, acks).await;
        server = next;
        if count != TOTAL {
            wrong.push(format!("run {run} (stopped after {acks} acks): {count}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "every event counts exactly once ({TOTAL}); {} of {runs} runs did not: {wrong:#?}",
        wrong.len()
    );
    drop(server);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "kiln-faults-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_burst_loses_no_event_and_applies_none_twice() {
    stop_mid_burst_many_times(Stop::Kill, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_burst_finishes_running_events_and_applies_none_twice() {
    stop_mid_burst_many_times(Stop::Terminate, 40).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_burst_on_postgres_loses_no_event_and_applies_none_twice() {
    let Some(schema) = kiln::testing::PostgresSchema::create("kiln_faults").await else {
        return;
    };
    let dir = tempfile_dir();
    stop_mid_burst_on(&schema.url, &dir, Stop::Kill, 30).await;
    schema.drop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two instances share one Redis, as behind a load balancer: each run, the page's instance is
/// killed mid-burst and the page goes on on the other one, which was running all along (and
/// the killed one starts again, to take the next run's page).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_burst_on_redis_the_other_instance_goes_on_exactly_once() {
    let Some(redis_url) = kiln::testing::redis_url() else {
        return;
    };
    let dir = tempfile_dir();
    let instance = |name: &str| {
        let data = dir.join(name);
        let url = format!("sqlite://{}/app.db", data.display());
        Showcase::start_on_redis(&url, &data, &redis_url)
    };
    let (mut here, mut there) = (instance("a"), instance("b"));
    let runs = 30;
    let mut stops = Rng(4099);
    let mut wrong = Vec::new();
    for run in 0..runs {
        let acks = stops.below(EVENTS as usize) as u64;
        let (killed, sid) = burst_until_stopped(here, &Stop::Kill, acks).await;
        let count = resume_and_finish(&there, &sid, acks).await;
        if count != TOTAL {
            wrong.push(format!("run {run} (killed after {acks} acks): {count}"));
        }
        (here, there) = (there, killed.restart());
    }
    assert!(
        wrong.is_empty(),
        "every event counts exactly once ({TOTAL}); {} of {runs} runs did not: {wrong:#?}",
        wrong.len()
    );
    drop((here, there));
    let _ = std::fs::remove_dir_all(&dir);
}

//! What anonymous traffic can make the server hold: a crawl of live pages (a session per
//! render) costs no rows and bounded memory; idle and half-sent connections past the process's
//! open-files limit do not take the site down.

use kiln_system_tests::Showcase;
use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Rows the live store holds.
async fn live_rows(url: &str) -> i64 {
    let db = kiln::Db::connect(url).await.expect("the database");
    let (rows,): (i64,) = kiln::sqlx::query_as("SELECT COUNT(*) FROM kiln_live")
        .fetch_one(db.pool())
        .await
        .expect("counted");
    rows
}

/// `pages` GETs of the live pages from 16 threads, every answer read whole.
fn crawl(server: &Showcase, pages: usize) {
    const LIVE_PAGES: [&str; 4] = [
        "/live/counter",
        "/live/todos",
        "/live/chat",
        "/live/dashboard",
    ];
    let next = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let next = next.clone();
            let server_addr = server.addr;
            std::thread::spawn(move || {
                let mut ok = 0;
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= pages {
                        return ok;
                    }
                    if kiln_system_tests::get_from(server_addr, LIVE_PAGES[n % 4])
                        .is_ok_and(|(status, _)| status == 200)
                    {
                        ok += 1;
                    }
                }
            })
        })
        .collect();
    let ok: usize = threads
        .into_iter()
        .map(|thread| thread.join().expect("a crawler thread"))
        .sum();
    assert_eq!(ok, pages, "every page of the crawl answered 200");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crawl_of_live_pages_writes_no_row_and_holds_bounded_memory() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}/crawl.db", dir.path().display());
    let server = Showcase::start(&url, &dir.path().join("data"));
    crawl(&server, 2_000);
    let rows = live_rows(&url).await;
    let warm = server.rss_kib();
    // A crawler that never connects: 12,000 more renders, each of which makes a session.
    crawl(&server, 12_000);
    let grown = server.rss_kib().saturating_sub(warm);
    eprintln!("a crawl of 12,000 live pages: resident memory grew {grown} KiB");
    assert_eq!(live_rows(&url).await, rows, "a render writes nothing");
    // At most 4,096 sessions wait for their page at once (about 4 KiB each); before, all
    // 12,000 stayed for 30 minutes (about 48 MiB).
    assert!(
        grown < 24 * 1024,
        "memory grew by {grown} KiB over the crawl"
    );
}

#[test]
fn idle_and_half_sent_connections_past_the_open_files_limit_do_not_take_the_site_down() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}/idle.db", dir.path().display());
    let server = Showcase::start_with(&url, &dir.path().join("data"), Some(1024));
    let connect = || TcpStream::connect_timeout(&server.addr, Duration::from_secs(2)).ok();
    // More idle sockets than the process may open files...
    let idle: Vec<TcpStream> = (0..1_100).filter_map(|_| connect()).collect();
    // ...and clients that never finish their headers.
    let half_sent: Vec<TcpStream> = (0..200)
        .filter_map(|_| {
            let mut stream = connect()?;
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .ok()?;
            Some(stream)
        })
        .collect();
    assert!(idle.len() + half_sent.len() > 1_024, "the flood is on");

    // The server closes the slow ones after its header timeout (15 s) and answers again.
    let flooded = Instant::now();
    let deadline = flooded + Duration::from_secs(60);
    let answered = loop {
        if let Ok((status, _)) = server.get("/guestbook") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the site is still down a minute into the flood"
        );
    };
    assert_eq!(answered, 200);
    eprintln!(
        "{} idle and {} half-sent connections: the site answered again after {:?}",
        idle.len(),
        half_sent.len(),
        flooded.elapsed()
    );
    for mut stream in half_sent {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let mut rest = Vec::new();
        let closed = std::io::Read::read_to_end(&mut stream, &mut rest);
        let timed_out = closed.as_ref().is_err_and(|err| {
            matches!(
                err.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            )
        });
        assert!(!timed_out, "a half-sent request is closed by the server");
    }
    drop(idle);
    let (status, _) = server.get("/healthz").expect("healthy after the flood");
    assert_eq!(status, 200);
    assert!(server.panics().is_empty(), "{}", server.log());
}

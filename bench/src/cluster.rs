//! `bench/run cluster`: live state on one instance with each store (memory, Redis, PostgreSQL)
//! and on three instances sharing Redis behind nginx, at N sessions; then a soak of many
//! sessions on the memory store and on Redis.
//!
//! `kiln-bench cluster-load NAME ADDR PID [NAME ADDR PID]...` (a PID of 0 for nginx, whose
//! servers' CPU is not read) runs `increment` in a closed loop against each, then soaks each
//! server named in `BENCH_SOAK` (default `mem,redis`), and ends with one JSON line.

use crate::live::{Session, Workload, open_sessions, round, rss_kib, run_kiln, runtime};
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn env_number(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(value) => value.parse().with_context(|| format!("{name}={value:?}")),
        Err(_) => Ok(default),
    }
}

pub fn cluster_load(args: &[String]) -> anyhow::Result<()> {
    let usage = "usage: kiln-bench cluster-load NAME ADDR PID [NAME ADDR PID]...";
    if args.is_empty() || !args.len().is_multiple_of(3) {
        bail!(usage);
    }
    let targets: Vec<(String, String, u32)> = args
        .chunks(3)
        .map(|target| match target {
            [name, addr, pid] => Ok((name.clone(), addr.clone(), pid.parse().context("PID")?)),
            _ => bail!(usage),
        })
        .collect::<anyhow::Result<_>>()?;
    let sessions = env_number("BENCH_SESSIONS", 100)? as usize;
    let soak_sessions = env_number("BENCH_SOAK_SESSIONS", 1000)? as usize;
    let soak_seconds = env_number("BENCH_SOAK_SECONDS", 60)?;
    let soaked: Vec<String> = std::env::var("BENCH_SOAK")
        .unwrap_or_else(|_| "mem,redis".to_owned())
        .split(',')
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    runtime()?.block_on(async move {
        let mut json = BTreeMap::<String, f64>::new();
        println!(
            "{:<10}{:>6}{:>12}{:>10}{:>10}{:>10}",
            "server", "N", "events/s", "p50 ms", "p99 ms", "CPU"
        );
        for (name, addr, pid) in &targets {
            let sessions = open_sessions(addr, sessions).await?;
            let n = sessions.len();
            let mut run = run_kiln(sessions, Workload::Increment, *pid).await?;
            let (p50, p99) = (run.percentile_ms(0.5), run.percentile_ms(0.99));
            let cpu = run.cpu_seconds / run.seconds * 100.0;
            let cpu = if *pid == 0 {
                "-".to_owned()
            } else {
                format!("{cpu:.0}%")
            };
            println!(
                "{name:<10}{n:>6}{:>12.0}{p50:>10.3}{p99:>10.3}{cpu:>10}",
                run.per_second()
            );
            json.insert(format!("{name}_events_per_s"), round(run.per_second(), 0));
            json.insert(format!("{name}_p50_ms"), round(p50, 3));
            json.insert(format!("{name}_p99_ms"), round(p99, 3));
        }

        let (mut errors, mut lost, mut growth) = (0u64, 0u64, 0f64);
        for (name, addr, pid) in targets.iter().filter(|(name, ..)| soaked.contains(name)) {
            println!();
            let soak = soak(addr, *pid, soak_sessions, soak_seconds).await?;
            println!(
                "soak {name}: {soak_sessions} sessions for {soak_seconds} s: {} events, {} errors, \
                 {} lost, {} doubled; RSS {} KiB before, {} at 10 s, {} at the end ({:+.1}%; \
                 peak {:+.1}%), {} after the sessions expired ({} sessions left in memory)",
                soak.events,
                soak.errors,
                soak.lost,
                soak.doubled,
                soak.rss_before,
                soak.rss_at_10s,
                soak.rss_end,
                soak.growth_pct,
                soak.peak_pct,
                soak.rss_after,
                soak.sessions_left
            );
            json.insert(format!("{name}_soak_events"), soak.events as f64);
            json.insert(
                format!("{name}_soak_rss_growth_pct"),
                round(soak.growth_pct, 1),
            );
            json.insert(format!("{name}_soak_rss_peak_pct"), round(soak.peak_pct, 1));
            json.insert(
                format!("{name}_soak_rss_before_kib"),
                soak.rss_before as f64,
            );
            json.insert(format!("{name}_soak_rss_after_kib"), soak.rss_after as f64);
            json.insert(
                format!("{name}_soak_sessions_left"),
                soak.sessions_left as f64,
            );
            errors += soak.errors;
            lost += soak.lost + soak.doubled;
            growth = growth.max(soak.growth_pct);
        }
        json.insert("soak_errors".into(), errors as f64);
        json.insert("soak_lost".into(), lost as f64);
        json.insert("soak_rss_growth_pct".into(), round(growth, 1));
        println!("{}", serde_json::to_string(&json)?);
        Ok(())
    })
}

/// What a soak found.
struct Soak {
    events: u64,
    errors: u64,
    /// Events acknowledged but missing from the final count.
    lost: u64,
    /// Events counted more often than acknowledged.
    doubled: u64,
    rss_before: u64,
    rss_at_10s: u64,
    rss_end: u64,
    /// From the 10th second to the end.
    growth_pct: f64,
    /// From the 10th second to the highest reading after it.
    peak_pct: f64,
    rss_after: u64,
    sessions_left: u64,
}

/// `count` sessions each send `increment` in a closed loop for `seconds`; the server's RSS is
/// read every second. Then each session's final count is read back and compared with the
/// acks it got, the sessions disconnect, and the server is watched until it has evicted them.
async fn soak(addr: &str, pid: u32, count: usize, seconds: u64) -> anyhow::Result<Soak> {
    let rss_before = rss_kib(pid);
    let sessions = open_sessions(addr, count).await?;
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::with_capacity(count);
    for mut session in sessions {
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            let (mut acked, mut errors) = (0u64, 0u64);
            while !stop.load(Ordering::Relaxed) {
                match session.event(r#"{"increment":{}}"#).await {
                    Ok(_) => acked += 1,
                    Err(_) => {
                        errors += 1;
                        break;
                    }
                }
            }
            (session, acked, errors)
        }));
    }
    let started = Instant::now();
    let mut samples = Vec::new();
    while started.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        samples.push(rss_kib(pid));
    }
    stop.store(true, Ordering::Relaxed);
    let (mut events, mut errors, mut lost, mut doubled) = (0, 0, 0, 0);
    let mut finished: Vec<Session> = Vec::with_capacity(count);
    for task in tasks {
        let (session, acked, failed) = task.await?;
        events += acked;
        errors += failed;
        finished.push(session);
        let session = finished.last_mut().context("a session")?;
        if failed > 0 {
            continue;
        }
        let counted = session.count().await?;
        lost += acked.saturating_sub(counted);
        doubled += counted.saturating_sub(acked);
    }
    let rss_at_10s = samples.get(9).or(samples.first()).copied().unwrap_or(0);
    let rss_end = samples.last().copied().unwrap_or(0);
    let rss_peak = samples.iter().skip(9).copied().max().unwrap_or(rss_end);
    let percent_over_10s = |rss: u64| {
        if rss_at_10s == 0 {
            0.0
        } else {
            (rss as f64 - rss_at_10s as f64) / rss_at_10s as f64 * 100.0
        }
    };
    let (growth_pct, peak_pct) = (percent_over_10s(rss_end), percent_over_10s(rss_peak));
    drop(finished);
    // The server evicts them after its TTL (BENCH_TTL on the server): wait for that.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut sessions_left = u64::MAX;
    while Instant::now() < deadline {
        sessions_left = stats(addr).await.unwrap_or(u64::MAX);
        if sessions_left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Let the allocator hand freed pages back before reading.
    tokio::time::sleep(Duration::from_secs(2)).await;
    Ok(Soak {
        events,
        errors,
        lost,
        doubled,
        rss_before,
        rss_at_10s,
        rss_end,
        growth_pct,
        peak_pct,
        rss_after: rss_kib(pid),
        sessions_left,
    })
}

/// How many sessions the bench server at `addr` holds (its `/stats`).
async fn stats(addr: &str) -> anyhow::Result<u64> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream
        .write_all(b"GET /stats HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        .await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    let body = answer.split("\r\n\r\n").nth(1).context("a body")?;
    Ok(body.trim().parse()?)
}

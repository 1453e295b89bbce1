//! Kiln's benchmark helpers. `bench/run` drives them; bench/README.md says what each measures.
//!
//! `kiln-bench raw-server ADDR ROUTE=FILE...` serves each file's bytes from memory at its route,
//! with the headers Kiln sends for a page: the baseline the SSR benchmark compares against.
//! `kiln-bench wrk-summary FILE LABEL` turns `wrk --latency` output into a JSON object.
//! `kiln-bench live-server`, `echo-server` and `live-load` make `bench/run live`: see [`live`];
//! `cluster-load` makes `bench/run cluster` with `live-server`: see [`cluster`].

mod cluster;
mod live;

// The same allocator as the showcase's server.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::net::SocketAddr;

use anyhow::{Context, bail};
use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::get;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("raw-server") => raw_server(&args[1..]),
        Some("live-server") => live::live_server(
            args.get(1).context("usage: live-server ADDR [STORE_URL]")?,
            args.get(2).map(String::as_str),
        ),
        Some("echo-server") => live::echo_server(args.get(1).context("usage: echo-server ADDR")?),
        Some("live-load") => live::live_load(&args[1..]),
        Some("cluster-load") => cluster::cluster_load(&args[1..]),
        Some("wrk-summary") => {
            let [file, label] = &args[1..] else {
                bail!("usage: kiln-bench wrk-summary FILE LABEL");
            };
            let output =
                std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?;
            println!("{}", WrkSummary::parse(&output)?.to_json(label));
            Ok(())
        }
        _ => bail!(
            "usage: kiln-bench raw-server ADDR ROUTE=FILE... | wrk-summary FILE LABEL \
             | live-server ADDR [STORE_URL] | echo-server ADDR \
             | live-load KILN_ADDR KILN_PID ECHO_ADDR ECHO_PID [STORE ADDR PID]... \
             | cluster-load NAME ADDR PID [NAME ADDR PID]..."
        ),
    }
}

/// Serves files from memory: each `ROUTE=FILE` argument maps a path to a file's bytes.
fn raw_server(args: &[String]) -> anyhow::Result<()> {
    let (addr, routes) = args
        .split_first()
        .context("usage: raw-server ADDR ROUTE=FILE...")?;
    let addr: SocketAddr = addr
        .parse()
        .with_context(|| format!("bad address {addr}"))?;
    let mut router = Router::new();
    for route in routes {
        let (path, file) = route
            .split_once('=')
            .with_context(|| format!("expected ROUTE=FILE, got {route}"))?;
        let body = Bytes::from(std::fs::read(file).with_context(|| format!("reading {file}"))?);
        router = router.route(
            path,
            get(move || {
                let body = body.clone();
                async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body) }
            }),
        );
    }
    // One worker thread unless TOKIO_WORKER_THREADS says otherwise, like the Kiln server.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async move {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            axum::serve(listener, router).await?;
            Ok(())
        })
}

/// The headline figures of one `wrk --latency` run.
#[derive(Debug, PartialEq)]
struct WrkSummary {
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

impl WrkSummary {
    fn parse(output: &str) -> anyhow::Result<Self> {
        let mut percentiles = HashMap::new();
        let mut requests_per_sec = None;
        let mut errors = 0;
        for line in output.lines().map(str::trim) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            match fields.as_slice() {
                ["Requests/sec:", value] => requests_per_sec = Some(value.parse()?),
                [pct, value] if pct.ends_with('%') => {
                    percentiles.insert(pct.trim_end_matches('%').to_owned(), duration_ms(value)?);
                }
                ["Non-2xx", "or", "3xx", "responses:", n] => errors += n.parse::<u64>()?,
                ["Socket", "errors:", rest @ ..] => {
                    errors += rest
                        .iter()
                        .filter_map(|field| field.trim_end_matches(',').parse::<u64>().ok())
                        .sum::<u64>();
                }
                _ => {}
            }
        }
        Ok(Self {
            requests_per_sec: requests_per_sec.context("no Requests/sec line in wrk's output")?,
            p50_ms: *percentiles
                .get("50")
                .context("no 50% line (run wrk with --latency)")?,
            p99_ms: *percentiles
                .get("99")
                .context("no 99% line (run wrk with --latency)")?,
            errors,
        })
    }

    fn to_json(&self, label: &str) -> String {
        format!(
            r#"{{"label":"{label}","rps":{:.0},"p50_ms":{:.3},"p99_ms":{:.3},"errors":{}}}"#,
            self.requests_per_sec, self.p50_ms, self.p99_ms, self.errors
        )
    }
}

/// wrk prints durations like `812.00us`, `1.20ms`, `2.01s`.
fn duration_ms(value: &str) -> anyhow::Result<f64> {
    let split = value
        .find(|c: char| c.is_ascii_alphabetic())
        .with_context(|| format!("no unit in {value}"))?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number
        .parse()
        .with_context(|| format!("bad number in {value}"))?;
    Ok(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => bail!("unknown unit in {value}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 10s test @ http://127.0.0.1:3200/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.00us  100.00us   4.00ms   90.00%
    Req/Sec    39.50k     1.20k   41.00k    70.00%
  Latency Distribution
     50%  790.00us
     75%  850.00us
     90%  0.95ms
     99%    1.50ms
  393000 requests in 10.00s, 1.20GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:  39300.12
Transfer/sec:    122.88MB
";

    #[test]
    fn parses_wrk_latency_output() {
        let summary = WrkSummary::parse(SAMPLE).expect("parses");
        assert_eq!(
            summary,
            WrkSummary {
                requests_per_sec: 39300.12,
                p50_ms: 0.79,
                p99_ms: 1.5,
                errors: 3
            }
        );
        assert_eq!(
            summary.to_json("home"),
            r#"{"label":"home","rps":39300,"p50_ms":0.790,"p99_ms":1.500,"errors":3}"#
        );
    }

    #[test]
    fn rejects_output_without_latency_distribution() {
        let err = WrkSummary::parse("Requests/sec: 10\n").expect_err("no percentiles");
        assert!(err.to_string().contains("--latency"));
    }

    #[test]
    fn converts_units() {
        assert_eq!(duration_ms("2.5s").expect("ok"), 2500.0);
        assert!(duration_ms("12").is_err());
    }
}

# bench/run ssr: server-side rendering throughput of the showcase's home page and 1000-row table
# page, side by side with a raw Axum handler serving the same bytes from memory: rendered for
# every request (KILN_PAGE_CACHE=false) and as the showcase ships them (from its page cache).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

duration=${BENCH_DURATION:-10}
connections=${BENCH_CONNECTIONS:-32}
kiln_port=3200
raw_port=3201
cached_port=3202

need wrk wrk
need taskset util-linux
build_release
cargo build --release -q -p kiln-bench

work=$(mktemp -d)
# Every server: one Tokio worker thread pinned to CPU 0 (one is loaded at a time). The load
# generator: one wrk thread on CPU 1.
start_showcase() { # port page-cache
  LEPTOS_SITE_ADDR=127.0.0.1:$1 LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD KILN_LOG=warn \
    KILN_PAGE_CACHE=$2 DATABASE_URL="sqlite://$work/bench-$1.db" KILN_DATA_DIR="$work/data-$1" \
    TOKIO_WORKER_THREADS=1 taskset -c 0 target/release/server &
  pids+=($!)
  wait_for "http://127.0.0.1:$1/healthz"
}
start_showcase $kiln_port false
start_showcase $cached_port true

curl -fsS "http://127.0.0.1:$kiln_port/" -o "$work/home.html"
curl -fsS "http://127.0.0.1:$kiln_port/table" -o "$work/table.html"
TOKIO_WORKER_THREADS=1 taskset -c 0 target/release/kiln-bench raw-server "127.0.0.1:$raw_port" \
  "/=$work/home.html" "/table=$work/table.html" &
pids+=($!)
wait_for "http://127.0.0.1:$raw_port/"

run() { # label url
  taskset -c 1 wrk -t1 -c"$connections" -d2s "$2" >/dev/null # warm-up
  taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency "$2" >"$work/$1.txt"
  target/release/kiln-bench wrk-summary "$work/$1.txt" "$1"
}

echo
echo "SSR throughput on loopback: server on 1 Tokio worker pinned to CPU 0; wrk, 1 thread,"
echo "$connections connections, pinned to CPU 1; ${duration} s per run after a 2 s warm-up; no compression."
echo "home page: $(wc -c <"$work/home.html") bytes; table page: $(wc -c <"$work/table.html") bytes."
echo
home=$(run kiln_home "http://127.0.0.1:$kiln_port/")
cached_home=$(run kiln_cached_home "http://127.0.0.1:$cached_port/")
# The cached server's home page came from its cache (the warm-up rendered and kept it).
cached_head=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$cached_port/")
grep -qi '^x-kiln-cache: hit' <<<"$cached_head" \
  || { echo "the cached server's home page did not come from its cache: $cached_head" >&2; exit 1; }
raw_home=$(run raw_home "http://127.0.0.1:$raw_port/")
table=$(run kiln_table "http://127.0.0.1:$kiln_port/table")
cached_table=$(run kiln_cached_table "http://127.0.0.1:$cached_port/table")
raw_table=$(run raw_table "http://127.0.0.1:$raw_port/table")

python3 - "$home" "$cached_home" "$raw_home" "$table" "$cached_table" "$raw_table" <<'PY'
import json, sys
home, cached_home, raw_home, table, cached_table, raw_table = (json.loads(a) for a in sys.argv[1:])
print(f"{'page':<8}{'server':<12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'of raw':>9}")
for page, runs in (("home", (home, cached_home, raw_home)), ("table", (table, cached_table, raw_table))):
    raw = runs[2]["rps"]
    for server, r in zip(("kiln", "kiln cached", "raw"), runs):
        print(f"{page:<8}{server:<12}{r['rps']:>10.0f}{r['p50_ms']:>10.3f}{r['p99_ms']:>10.3f}{r['errors']:>8}{r['rps'] / raw:>9.1%}")
print(json.dumps({
    "ssr_rps": home["rps"], "raw_rps": raw_home["rps"],
    "ssr_ratio": round(home["rps"] / raw_home["rps"], 3),
    "ssr_p50_ms": home["p50_ms"], "ssr_p99_ms": home["p99_ms"],
    "raw_p50_ms": raw_home["p50_ms"], "raw_p99_ms": raw_home["p99_ms"],
    "table_ssr_rps": table["rps"], "table_raw_rps": raw_table["rps"],
    "table_ratio": round(table["rps"] / raw_table["rps"], 3),
    "table_ssr_p50_ms": table["p50_ms"], "table_ssr_p99_ms": table["p99_ms"],
    "table_raw_p50_ms": raw_table["p50_ms"], "table_raw_p99_ms": raw_table["p99_ms"],
    "cached_ssr_rps": cached_home["rps"],
    "cached_ssr_ratio": round(cached_home["rps"] / raw_home["rps"], 3),
    "cached_table_rps": cached_table["rps"],
    "cached_table_ratio": round(cached_table["rps"] / raw_table["rps"], 3),
    "errors": sum(r["errors"] for r in (home, cached_home, raw_home, table, cached_table, raw_table)),
}))
PY

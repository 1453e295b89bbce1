# bench/run lighthouse: Lighthouse 12.2.3's four scores and its metrics (LCP, TBT, CLS, time to
# interactive) for the showcase's main routes, 3 runs each, on the release build served by the
# release server, in Debian's Chromium with Lighthouse's default mobile profile (simulated
# slow 4G and a 4x CPU slowdown). Targets: performance >= 95 in every run on content pages,
# >= 90 on app pages.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_release
work=$(mktemp -d)
trap 'rm -rf "$work"; cleanup' EXIT
port=3211
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD KILN_LOG=warn \
  KILN_DATA_DIR="$work/data" DATABASE_URL="sqlite://$work/lighthouse.db" target/release/server &
pids+=($!)
wait_for "http://127.0.0.1:$port/healthz"
node bench/lighthouse.mjs "http://127.0.0.1:$port"

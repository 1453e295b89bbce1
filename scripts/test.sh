#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy on both targets, the Rust tests (against SQLite and
# PostgreSQL), and the Playwright tests in Chromium against the release build.
# Installs what is missing first (see scripts/setup.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$*" "$(($(date +%s) - started))"; }

step "setup"
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# PostgreSQL and Redis for the database and live tests: setup.sh made sure they run.
export KILN_TEST_POSTGRES_URL=${KILN_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
export KILN_TEST_REDIS_URL=${KILN_TEST_REDIS_URL:-redis://127.0.0.1:6379}

step "cargo fmt"
cargo fmt --all -- --check

step "clippy: server build (ssr)"
cargo clippy --all-targets -p kiln-macros -p kiln-core -p kiln-live -p kiln-mail -p kiln-auth -p kiln -p kiln-ui -p kiln-cli -p app -p server -p kiln-bench \
  -p kiln-system-tests --features kiln/ssr,app/ssr -- -D warnings

step "clippy: browser build (hydrate, wasm32)"
cargo clippy --target wasm32-unknown-unknown -p frontend -p app -p kiln -p kiln-live -p kiln-auth -p kiln-ui \
  --features kiln/hydrate,app/hydrate -- -D warnings

step "each framework crate with each feature alone"
scripts/check-features.sh

step "docs (every public item documented, no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p kiln-core -p kiln-live -p kiln-mail -p kiln-auth -p kiln -p kiln-ui -p kiln-cli --features kiln/ssr,kiln/redis

step "cargo test (framework and app, ssr)"
# Tests run side by side: in-process servers share one route list per app (see route_list in
# crates/kiln/src/server.rs for the Leptos hang that used to make them run one at a time).
cargo test -p kiln-macros -p kiln-core -p kiln-live -p kiln-mail -p kiln-auth -p kiln -p kiln-ui -p kiln-cli -p app -p kiln-bench --features kiln/ssr,app/ssr

step "release build, one file to deploy (kiln build: cargo leptos build --release --precompress --split, then the site appended to target/dist/server)"
cargo run -q -p kiln-cli -- build

step "system tests: faults, storm, bounds, security and a cluster behind nginx, against the release server as a process"
# Kills the server with SIGKILL and SIGTERM mid-burst many times, and attacks it; see
# end2end/system. One test at a time: each starts servers of its own.
cargo test -p kiln-system-tests --features kiln/ssr -- --test-threads=1

step "end-to-end tests (Playwright, Chromium)"
npx playwright test --config end2end/playwright.config.ts

step "kiln new: each template checked, tested, built and run as one file"
# Last: the new app's release build shares target/release (and its hash.txt) with the showcase's.
scripts/check-new-app.sh

step "all tests passed"

#!/usr/bin/env bash
# Installs what building and testing Kiln's showcase needs, skipping whatever is already there.
#
#   scripts/setup.sh build   the wasm32 target, cargo-leptos, wasm-bindgen-cli, npm's wasm-opt
#   scripts/setup.sh test    the above, plus Chromium, Playwright, PostgreSQL and Redis
#
# Only crates.io, npm and Debian's packages are reachable on our machines, so every tool that
# cargo-leptos would otherwise download must be on PATH before it runs (see docs/toolchain.md).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
what=${1:-build}

CARGO_LEPTOS_VERSION=0.3.11
# The CLI must match the wasm-bindgen crate exactly; the workspace pins it with "=x.y.z".
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  # `cargo install cargo-leptos --locked` fails on rustc 1.95 (cargo-util-schemas 0.14.2 wants
  # 1.96): fetch its source, pin that one crate back and build without fat LTO (12 min, 1 GB).
  say "building cargo-leptos $CARGO_LEPTOS_VERSION from source (about 12 minutes, once per machine)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked >/dev/null 2>&1 || true
  src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-"$CARGO_LEPTOS_VERSION" | head -1)
  work=$(mktemp -d)
  cp -r "$src" "$work/cargo-leptos"
  (cd "$work/cargo-leptos" &&
    cargo update -p cargo-util-schemas --precise 0.14.1 &&
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --path . --locked)
  rm -rf "$work"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once per machine)"
  # No --locked: its lock file names a yanked webpki-roots.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -d node_modules/lighthouse ]; then
  # npm's binaryen, never Debian's: Debian's wasm-opt 108 breaks hydration at run time.
  say "installing npm packages (binaryen's wasm-opt, Playwright, axe-core, Lighthouse)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

[ "$what" = test ] || exit 0

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null; then
  say "installing Debian's Chromium for the browser tests"
  apt_install chromium
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null || { say "installing PostgreSQL"; apt_install postgresql; }
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='test'" 2>/dev/null | grep -q 1; then
  su postgres -c "psql -qc 'create database test'" 2>/dev/null ||
    psql -h 127.0.0.1 -U postgres -qc 'create database test' || true
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || { say "installing Redis"; apt_install redis-server; }
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

# nginx for the cluster test (three instances behind it); the test starts its own, with the
# deployment guide's configuration.
if [ ! -x /usr/sbin/nginx ]; then
  say "installing nginx"
  apt_install nginx
fi

#!/usr/bin/env bash
# Builds Kiln's showcase (release) and serves it on http://127.0.0.1:3000 with SQLite in data/.
# The first run installs what is missing and builds from cold: expect 20 to 30 minutes on 2 cores.
# For development, `cargo leptos watch --split` rebuilds and reloads on every change.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export LEPTOS_ENV=${LEPTOS_ENV:-PROD}
exec cargo leptos serve --release --precompress --split

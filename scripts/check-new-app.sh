#!/usr/bin/env bash
# `kiln new` end to end, for each template: makes an app in a temporary folder, checks its code
# (rustfmt, clippy on the server and the browser side), runs its own tests, builds it for
# release with `kiln build`, and runs the one file that makes from an empty folder
# (end2end/system/tests/new_app.rs). The app shares this workspace's target dir, so Kiln's
# dependencies are not compiled again. Prints how long each step took.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
cargo build -q --manifest-path "$root/Cargo.toml" -p kiln-cli
kiln="$CARGO_TARGET_DIR/debug/kiln"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() {
  local name=$1 started
  shift
  started=$(date +%s)
  "$@"
  printf '[check-new-app] %s: %ss\n' "$name" "$(($(date +%s) - started))"
}

for template in ${KILN_TEMPLATES:-minimal full}; do
  app="demo-$template"
  (cd "$work" && "$kiln" new "$app" --template "$template")
  cd "$work/$app"
  timed "$template: cargo fmt --check" cargo fmt --check
  timed "$template: clippy (ssr)" cargo clippy -q --all-targets --features ssr -- -D warnings
  timed "$template: clippy (hydrate, wasm32)" \
    cargo clippy -q --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings
  timed "$template: its tests" cargo test -q --features ssr
  timed "$template: kiln build" "$kiln" build
  counter=/
  [ "$template" = full ] && counter=/counter
  KILN_NEW_APP_BIN="$CARGO_TARGET_DIR/dist/$app" KILN_NEW_APP_TITLE="Demo $template" \
    KILN_NEW_APP_COUNTER=$counter timed "$template: the built file, alone" \
    cargo test -q --manifest-path "$root/Cargo.toml" -p kiln-system-tests --features kiln/ssr \
    --test new_app -- --ignored
  if [ -f end2end/playwright.config.ts ]; then
    # The app's own smoke test, with the workspace's Playwright (no npm install here).
    ln -s "$root/node_modules" node_modules
    KILN_APP_BIN="$CARGO_TARGET_DIR/dist/$app" CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium} \
      timed "$template: its Playwright smoke test" \
      "$root/node_modules/.bin/playwright" test --config end2end/playwright.config.ts
  fi
  cd "$root"
done

#!/usr/bin/env bash
# Checks that every framework crate builds with each of its features alone, on the side each
# feature belongs to (cargo hack's --each-feature, as a loop: no extra tool to install), and
# that an app without accounts or mail compiles neither argon2 nor lettre.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

check() { # check TARGET PACKAGE FEATURES
  local target=$1 package=$2 features=$3
  printf '  %-7s %-10s [%s]\n' "$target" "$package" "$features"
  local args=(-q -p "$package" --no-default-features --features "$features")
  if [ "$target" = browser ]; then args+=(--target wasm32-unknown-unknown); fi
  # Warnings fail the check too (not with RUSTFLAGS, which would rebuild every dependency).
  local out
  if ! out=$(cargo check "${args[@]}" 2>&1) || grep -qE '^(warning|error)' <<<"$out"; then
    printf '%s\n' "$out" >&2
    exit 1
  fi
}

check server kiln-core ""
check server kiln-core server
check server kiln-core db
check server kiln-core page
check server kiln-core respond
check browser kiln-core hydrate
check server kiln-mail ssr
check server kiln-live ssr
check server kiln-live redis
check browser kiln-live hydrate
check server kiln-auth ssr
check server kiln-auth ssr,live
check browser kiln-auth hydrate
check browser kiln-auth hydrate,live
check server kiln ssr,redis
for battery in "" live auth mail listing; do
  check server kiln "ssr${battery:+,$battery}"
  check browser kiln "hydrate${battery:+,$battery}"
done

# The point of the features: no password hashing or SMTP in an app that has no accounts.
if cargo tree -q -p kiln --no-default-features --features ssr,live,listing -e normal |
  grep -E '^[│├└ ]*[├└]── (argon2|lettre) '; then
  echo "kiln without auth and mail still depends on argon2 or lettre" >&2
  exit 1
fi
echo "  kiln without auth and mail: no argon2, no lettre"

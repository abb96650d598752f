#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the workbench needs, skipping every tool that
# is already installed at the right version:
#   - the wasm32-unknown-unknown Rust target
#   - trunk 0.21.14 (newer trunks need a newer rustc)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   - wasm-opt from npm binaryen@132 (tools/; Debian's wasm-opt cannot read rustc 1.95 output)
#   - with --test: Debian's chromium and chromium-driver, and the end-to-end test's npm packages
# Nothing is downloaded by Trunk itself: it finds these tools on PATH. Source this script's PATH
# by running the other scripts, which call it first.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
with_test_tools=false
[ "${1:-}" = "--test" ] && with_test_tools=true

log() { echo "setup: $*" >&2; }
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

pids=()

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk's own release profile is fat-LTO with one codegen unit; a build tool does not need that,
# and without it the install takes about half the time.
cheap_release=(env CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1)

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (several minutes)"
  "${cheap_release[@]}" cargo install trunk --version "$TRUNK_VERSION" --locked --quiet &
  pids+=($!)
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wasm_bindgen_version" ]; then
  log "cannot find wasm-bindgen in Cargo.lock"; exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  log "installing wasm-bindgen-cli $wasm_bindgen_version (several minutes)"
  # `--locked` fails for this crate on this registry; the version is pinned exactly instead.
  "${cheap_release[@]}" cargo install wasm-bindgen-cli --version "=$wasm_bindgen_version" --quiet &
  pids+=($!)
fi

if ! (wasm-opt --version 2>/dev/null | grep -q "version 132"); then
  log "installing binaryen 132 (wasm-opt) into tools/"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

if $with_test_tools; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Debian's chromium and chromium-driver"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
    log "installing the end-to-end test's npm packages"
    npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
  fi
fi

for pid in "${pids[@]}"; do
  wait "$pid"
done
log "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}')"

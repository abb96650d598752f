#!/usr/bin/env bash
# The whole test suite, from fast to slow, as CI runs it on a fresh machine. Installs what is
# missing first (scripts/setup.sh --test). Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never

timings=()
step() {
  local name=$1
  shift
  echo "==> $name" >&2
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%5ds  %s' $((SECONDS - started)) "$name")")
}
report() {
  echo "==> step times" >&2
  printf '%s\n' "${timings[@]}" >&2
}
trap report EXIT

step "setup (tools, chromium, npm)" scripts/setup.sh --test
step "cargo fmt --check" cargo fmt --all --check
step "clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32: app)" cargo clippy --target wasm32-unknown-unknown --locked -p iam-workbench --lib --bins --tests -- -D warnings
step "clippy (wasm32: engine)" cargo clippy --target wasm32-unknown-unknown --locked -p iam-engine --lib -- -D warnings
step "native tests" cargo test --workspace --locked
step "browser tests (wasm-bindgen-test, headless Chromium)" \
  env CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --locked -p iam-workbench --test components
step "release build (trunk build --release)" trunk build --release
step "end-to-end (real site under a sub-path, Chromium)" env DIST="$PWD/dist" IAMWB="$PWD/target/debug/iamwb" node tests/e2e/run.mjs

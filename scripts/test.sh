#!/usr/bin/env bash
# The whole test suite, from fast to slow, as CI runs it on a fresh machine. Installs what is
# missing first (scripts/setup.sh --test). Prints the time of each step. Ends with a 60-second
# fuzz per target when the nightly toolchain is installed, then runs the README's run command in
# a fresh clone (tests/e2e/run-command.mjs).
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
step "deploy-s3.sh against a stub aws" scripts/test-deploy-s3.sh
step "service worker caching rules (node --test)" node --test tests/e2e/sw.test.mjs
step "clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32: app)" cargo clippy --target wasm32-unknown-unknown --locked -p iam-workbench --lib --bins --tests -- -D warnings
step "clippy (wasm32: engine)" cargo clippy --target wasm32-unknown-unknown --locked -p iam-engine --lib -- -D warnings
step "native tests" cargo test --workspace --locked
step "browser tests (wasm-bindgen-test, headless Chromium)" \
  env CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --locked -p iam-workbench --test components
step "release build (trunk build --release)" trunk build --release
step "dist: strict CSP, script hashes, SRI digests, service worker list" node scripts/check-dist.mjs dist
step "end-to-end (real site under a sub-path, Chromium)" env DIST="$PWD/dist" IAMWB="$PWD/target/debug/iamwb" node tests/e2e/run.mjs

# A short fuzz of every parser, when the nightly toolchain is there (cargo-fuzz needs it).
# cargo-fuzz is installed once into ~/.cargo/bin (cache that directory in CI). New inputs go to a
# scratch directory: the committed corpus is only read; a crash fails the run and is kept in
# fuzz/regressions/ (replayed by the stable tests).
CARGO_FUZZ_VERSION=0.13.2
install_cargo_fuzz() {
  if [ "$(cargo +nightly fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    cargo +nightly install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
  fi
}
if cargo +nightly --version >/dev/null 2>&1; then
  step "cargo-fuzz $CARGO_FUZZ_VERSION (installed once, cached)" install_cargo_fuzz
  step "fuzz targets build (nightly, sanitizers)" cargo +nightly fuzz build
  step "fuzz (60 s per target)" env SCRATCH=1 scripts/fuzz.sh 60
else
  echo "==> fuzz: no nightly toolchain (rustup toolchain install nightly); skipped" >&2
fi

# Last: the README's run command, as a newcomer types it, in a fresh clone of HEAD (building into
# this target/ so dependencies are not compiled again); then the same with --dev.
step "README run command in a fresh clone (scripts/run.sh)" env CARGO_TARGET_DIR="$PWD/target" node tests/e2e/run-command.mjs
step "README run command in a fresh clone (scripts/run.sh --dev)" env CARGO_TARGET_DIR="$PWD/target" node tests/e2e/run-command.mjs --dev

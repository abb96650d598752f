#!/usr/bin/env bash
# Sets up what is missing, then builds the web app and serves it on http://127.0.0.1:8080/.
# `scripts/run.sh --dev` serves an unoptimised build (faster to compile, slower to run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
if [ "${1:-}" = "--dev" ]; then
  exec trunk serve
fi
exec trunk serve --release

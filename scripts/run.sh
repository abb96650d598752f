#!/usr/bin/env bash
# Sets up what is missing, then builds the web app and serves it on http://127.0.0.1:8080/.
# `scripts/run.sh --dev` serves an unoptimised build (faster to compile, slower to run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
# `trunk serve` refuses a [watch] ignore path of Trunk.toml that does not exist, and a fresh clone
# has none of the ignored build folders (target/, bench-data/, dist/): create the missing ones.
for ignored in $(sed -n 's/^ignore *= *\[\(.*\)\]/\1/p' Trunk.toml | tr ',"' '  '); do
  if [ ! -e "$ignored" ]; then mkdir -p "$ignored"; fi
done
if [ "${1:-}" = "--dev" ]; then
  exec trunk serve
fi
exec trunk serve --release

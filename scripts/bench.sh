#!/usr/bin/env bash
# Native ingest benchmark of IAM Policy Workbench (issue 4, "Benchmark"). A documented command,
# not a test: it generates synthetic CloudTrail data with iamwb-gen into bench-data/ (git-ignored),
# then measures end-to-end ingest through iam_engine::Ingest next to the floor of a bare serde_json
# pass over the same bytes, and (where it is installed) trailscraper on the 100k file.
#
# Usage: scripts/bench.sh [--quick] [--trailscraper] [--wasm] [--pathological]
#        scripts/bench.sh --future
#   --quick         100k events only (skips the 1M data sets).
#   --trailscraper  install trailscraper with pip into bench-data/venv if it is missing, and time it.
#   --wasm          also build the release site (trunk) and read the same data in headless Chromium
#                   through the page and its worker (scripts/bench-wasm.mjs), plus a 1 GB file.
#   --pathological  also read the pathological inputs of issue 7 (scripts/gen-pathological.mjs:
#                   2M events, 100k principals, a 50 MB string, 1M-deep nesting), natively and,
#                   with --wasm, in Chromium.
#   --future        only the held-out benchmark of generalisation (iamwb-future, issue 3/8): policies
#                   learnt from the first days of a generated 14-day churn workload and of the
#                   workshop sample, judged on the days after (future coverage, spill, size).
# Results are printed and appended to bench-data/results.txt. See docs/benchmark.md.
set -euo pipefail

cd "$(dirname "$0")/.."
quick=0
want_trailscraper=0
want_wasm=0
want_pathological=0
want_future=0
for argument in "$@"; do
  case "$argument" in
    --quick) quick=1 ;;
    --trailscraper) want_trailscraper=1 ;;
    --wasm) want_wasm=1 ;;
    --pathological) want_pathological=1 ;;
    --future) want_future=1 ;;
    *) echo "unknown option: $argument" >&2; exit 2 ;;
  esac
done

data=bench-data
mkdir -p "$data"
results="$data/results.txt"
seed=42

if [[ $want_future == 1 ]]; then
  echo "== building iamwb-future (release)"
  cargo build --release -q -p iam-testdata --bin iamwb-future
  {
    echo "== future run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "-- generated workload: 14 days, learnt from 10"
    target/release/iamwb-future --days 14 --train-days 10
    echo "-- workshop sample: learnt from 2026-03-01..05, judged on 03-06..07"
    target/release/iamwb-future --input static/samples/cloudtrail-workshop-300-events.json.gz --train-until 2026-03-05
  } 2>&1 | tee -a "$results"
  exit 0
fi

echo "== building iamwb-gen and iamwb-bench (release)"
cargo build --release -q -p iam-testdata --bin iamwb-gen --bin iamwb-bench
gen=target/release/iamwb-gen
bench=target/release/iamwb-bench

# Generates a data set once; the generator is deterministic, so an existing one is reused.
generate() {
  local name=$1 events=$2
  shift 2
  local stamp="$data/.$name.done"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$events $seed $*" ]]; then
    return
  fi
  echo "== generating $name ($events events $*)"
  rm -rf "${data:?}/$name" "$stamp"
  "$gen" --events "$events" --seed "$seed" --principals 50 "$@"
  echo "$events $seed $*" > "$stamp"
}

sizes=(100k)
[[ $quick == 1 ]] || sizes+=(1m)
declare -A counts=([100k]=100000 [1m]=1000000)
declare -A file_counts=([100k]=100 [1m]=1000)

for size in "${sizes[@]}"; do
  generate "events-$size.json" "${counts[$size]}" --out "$data/events-$size.json"
  generate "split-$size" "${counts[$size]}" --split-files "${file_counts[$size]}" --gzip --out "$data/split-$size"
done
if [[ $want_wasm == 1 ]]; then
  # 615,000 generated events are 1.0 GB of JSON: the browser target's "1 GB".
  generate "events-1g.json" 615000 --out "$data/events-1g.json"
fi
if [[ $want_pathological == 1 ]]; then
  echo "== generating the pathological inputs (bench-data/pathological)"
  node scripts/gen-pathological.mjs "$data/pathological"
fi

# /usr/bin/time cross-checks the process totals (user+sys CPU, max RSS) of the streaming runs.
timed() {
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "  process: wall %e s, user %U s, sys %S s, max RSS %M KB" "$@"
  else
    "$@"
  fi
}

{
  echo "== run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  for size in "${sizes[@]}"; do
    echo "-- ${counts[$size]} events, one {\"Records\":[…]} file"
    "$bench" floor "$data/events-$size.json"
    "$bench" engine --in-memory "$data/events-$size.json"
    timed "$bench" engine "$data/events-$size.json"
    echo "-- ${counts[$size]} events, ${file_counts[$size]} .json.gz files (AWSLogs/ tree)"
    "$bench" floor "$data/split-$size"
    "$bench" engine --in-memory "$data/split-$size"
    timed "$bench" engine "$data/split-$size"
  done
} 2>&1 | tee -a "$results"

if [[ $want_pathological == 1 ]]; then
  {
    echo "-- pathological inputs (issue 7), native streaming"
    for input in "$data"/pathological/*.json; do
      echo "  $(basename "$input"):"
      timed "$bench" engine --problems "$input"
    done
  } 2>&1 | tee -a "$results"
fi

if [[ $want_wasm == 1 ]]; then
  echo "== building the release site (trunk build --release)"
  export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
  trunk build --release >/dev/null
  wasm_inputs=("$data/events-100k.json" "$data/split-100k")
  [[ $quick == 1 ]] || wasm_inputs+=("$data/events-1m.json" "$data/split-1m")
  wasm_inputs+=("$data/events-1g.json")
  if [[ $want_pathological == 1 ]]; then
    wasm_inputs+=("$data"/pathological/*.json)
  fi
  {
    echo "-- headless Chromium (wasm), through the page and its worker"
    node scripts/bench-wasm.mjs "${wasm_inputs[@]}"
  } 2>&1 | tee -a "$results"
fi

trailscraper="$data/venv/bin/trailscraper"
if [[ ! -x "$trailscraper" && $want_trailscraper == 1 ]]; then
  echo "== installing trailscraper into $data/venv"
  python3 -m venv "$data/venv" && "$data/venv/bin/pip" install -q trailscraper || echo "trailscraper could not be installed"
fi
if [[ -x "$trailscraper" ]]; then
  {
    echo "-- trailscraper $("$trailscraper" --version 2>&1 | tail -1 | sed 's/^trailscraper, version //'): generate < events-100k.json"
    /usr/bin/time -f "  trailscraper generate: wall %e s, user %U s, sys %S s, max RSS %M KB" \
      "$trailscraper" generate < "$data/events-100k.json" > "$data/trailscraper-100k-policy.json"
    echo "  policy: $(wc -c < "$data/trailscraper-100k-policy.json") bytes"
  } 2>&1 | tee -a "$results"
else
  echo "-- trailscraper not installed (run with --trailscraper to install it with pip)" | tee -a "$results"
fi

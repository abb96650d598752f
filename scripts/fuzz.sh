#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS each (default 60), growing its corpus in
# fuzz/corpus/<target>/. A crash is copied to fuzz/regressions/<target>/ (replayed by the
# stable test suite, crates/iam-engine/tests/fuzz_corpus.rs) and the script fails.
# Without the nightly toolchain or cargo-fuzz it says so and exits 0: fuzzing is optional
# locally; the release runs it for 600 seconds per target.
#
#   scripts/fuzz.sh [SECONDS]        e.g. scripts/fuzz.sh 600
#   MINIMISE=1 scripts/fuzz.sh 120   also minimise each corpus afterwards, keeping the inputs
#                                    that reach new code (edges only: a small corpus to commit)
#   SCRATCH=1 scripts/fuzz.sh 60     read the committed corpus but write new inputs to a
#                                    temporary directory (CI: the working tree stays clean)
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz.sh: the nightly toolchain is not installed (rustup toolchain install nightly); skipping fuzzing"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed (cargo install cargo-fuzz); skipping fuzzing"
    exit 0
fi

targets=$(cargo +nightly fuzz list)
failed=()
for target in $targets; do
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target" "fuzz/regressions/$target"
    echo "fuzz.sh: $target for ${seconds}s"
    corpora=("fuzz/corpus/$target")
    scratch=""
    if [ "${SCRATCH:-0}" = "1" ]; then
        # libFuzzer writes new inputs to the first directory and only reads the others.
        scratch="$(mktemp -d)"
        corpora=("$scratch" "fuzz/corpus/$target")
    fi
    if ! cargo +nightly fuzz run "$target" "${corpora[@]}" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -dict=fuzz/dict/ingest.dict -print_final_stats=1; then
        failed+=("$target")
        for artifact in "fuzz/artifacts/$target"/*; do
            [ -f "$artifact" ] || continue
            cp "$artifact" "fuzz/regressions/$target/"
            echo "fuzz.sh: kept $artifact in fuzz/regressions/$target/"
        done
    fi
    [ -n "$scratch" ] && rm -rf "$scratch"
    if [ "${MINIMISE:-0}" = "1" ]; then
        minimised="$(mktemp -d)"
        cargo +nightly fuzz run "$target" "$minimised" "fuzz/corpus/$target" -- \
            -merge=1 -use_counters=0 -use_value_profile=0 -max_len=16384
        rm -rf "fuzz/corpus/$target"
        mv "$minimised" "fuzz/corpus/$target"
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]} (inputs in fuzz/regressions/)"
    exit 1
fi
echo "fuzz.sh: every target ran ${seconds}s without a crash"

#!/usr/bin/env bash
# What `baton verify` is worth and costs: precision, recall and
# false-positive rate of its diff analysis over the labelled corpus (overall,
# per language, per kind; targets recall >= 95%, FPR <= 5%), and the time to
# analyse a 10,000-line change against `git diff` on the same change.
# Not a test: run it by hand (`bench/verify.sh [cases-dir] [lines] [reps]`).
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-crates/baton-verify/tests/corpus/cases}"
lines="${2:-10000}"
reps="${3:-7}"

cargo build --release --locked -q -p baton-bench --bin verify
bin=${CARGO_TARGET_DIR:-target}/release

"$bin/verify" "$cases" "$lines" "$reps"

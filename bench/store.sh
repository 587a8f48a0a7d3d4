#!/usr/bin/env bash
# What the session store costs: event append throughput (batched, and a
# flush per event), store overhead per agent turn, and resume time for a
# 10,000-event session. Prints ratios against peers measured in this same
# run. Not a test: run it by hand on a quiet machine
# (`bench/store.sh [events] [sync-events] [turns] [reps] [resume-events]`).
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-100000}"
sync_events="${2:-2000}"
turns="${3:-200}"
reps="${4:-7}"
resume_events="${5:-10000}"

cargo build --release --locked -q -p baton-bench --bin store
bin=${CARGO_TARGET_DIR:-target}/release

"$bin/store" "$events" "$sync_events" "$turns" "$reps" "$resume_events"

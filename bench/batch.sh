#!/usr/bin/env bash
# The batch runner under `baton cai` (crates/baton-batch): prompts per
# second and peak RSS at 10,000 and 100,000 prompts, each run in its own
# process, against a bare read-call-write loop; the 100k/10k RSS ratio is
# what shows memory staying flat (≈ 1.0). Not a test: run it by hand on a
# quiet machine (`bench/batch.sh [sizes...]`, default `10000 100000`).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -q -p baton-bench --bin batch
bin=${CARGO_TARGET_DIR:-target}/release

"$bin/batch" "$@"

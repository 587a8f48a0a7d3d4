#!/usr/bin/env bash
# Harness overhead per turn, peak memory, and start-up time of `baton`.
# Prints ratios against peers measured in this same run. Not a test: run it
# by hand on a quiet machine (`bench/turn_overhead.sh [turns] [rounds]`).
set -euo pipefail
cd "$(dirname "$0")/.."
turns="${1:-1000}"
rounds="${2:-5}"

cargo build --release --locked -q -p baton-cli -p baton-bench
bin=${CARGO_TARGET_DIR:-target}/release

echo "== agent loop vs bare model+tool calls (in-process, $turns turns, 50 tools) =="
"$bin/turn-overhead" "$turns" "$rounds"

echo
echo "== whole CLI: $turns-turn scripted run, --json to /dev/null =="
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$turns" > "$work/script.json" <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"turns": [
    {"text": "step", "tool_calls": [{"name": "list", "input": {"depth": 1}}],
     "usage": {"input_tokens": 100, "output_tokens": 10}, "repeat": n - 1},
    {"text": "done", "usage": {"input_tokens": 100, "output_tokens": 10}}]}))
PY
echo "hello" > "$work/file.txt"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$bin/baton" run --json -p auto --max-turns "$((turns + 1))" \
    -C "$work" --model "scripted:$work/script.json" "benchmark" > /dev/null

echo
echo "== start-up: baton --version vs git --version (peer) =="
if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 20 --runs 200 "$bin/baton --version" "git --version" 2>&1 | grep -E "Time|±|faster|baton|git"
else
    for cmd in "$bin/baton --version" "git --version"; do
        start=$(date +%s%N)
        for _ in $(seq 200); do $cmd > /dev/null; done
        end=$(date +%s%N)
        echo "$cmd: $(( (end - start) / 200000 )) µs mean over 200 runs"
    done
    echo "(install hyperfine for confidence intervals: apt-get install hyperfine)"
fi

#!/usr/bin/env bash
# The orchestra: delegation against a single agent (peak context, cost, wall
# time, parallel speed-up), 1,000 concurrent sub-agents (scheduling overhead,
# peak RSS), and cancellation reaching a whole tree. Scripted models, so no
# keys and no network; see bench/README.md for what is modelled.
# Not a test: run by hand (`bench/orchestra.sh [repeats] [time-scale] [children]`).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-5}"
scale="${2:-0.2}"
children="${3:-1000}"

cargo build --release --locked -q -p baton-bench --bin orchestra
bin="${CARGO_TARGET_DIR:-target}/release/orchestra"

echo "== fan-out: single strong agent vs orchestrator + 4 cheap explorers =="
"$bin" fanout "$repeats" "$scale"

echo
echo "== scale: $children concurrent sub-agents, 100 ms model latency each (one process per run) =="
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for _ in $(seq "$repeats"); do
    "$bin" scale 1 100 | sed 's/^/base /' >> "$out"
    "$bin" scale "$children" 100 | sed 's/^/many /' >> "$out"
done
python3 - "$out" "$repeats" <<'PY'
import json, statistics, sys
rows = {"base": [], "many": []}
for line in open(sys.argv[1]):
    side, _, js = line.partition(" ")
    rows[side].append(json.loads(js))
med = lambda side, key: statistics.median(r[key] for r in rows[side])
n = rows["many"][0]["children"]
lat = rows["many"][0]["latency_ms"]
fan = med("many", "fanout_ms")
print(f"median of {sys.argv[2]} runs; delegate calls issued in one parent turn, max_parallel = {n}")
print(f"fan-out wall (first delegate call started -> last finished): {fan:.1f} ms vs ideal {lat} ms = {fan / lat:.3f}x")
print(f"scheduling overhead: {fan - lat:.1f} ms in all, {(fan - lat) * 1000 / n:.1f} us per child")
print(f"  1 child for comparison: {med('base', 'fanout_ms'):.1f} ms ({med('base', 'fanout_ms') - lat:.1f} ms overhead)")
print(f"  of which: last child started {med('many', 'spawn_spread_ms'):.1f} ms after the first delegate call; "
      f"last report taken back {med('many', 'collect_ms'):.1f} ms after the last child finished")
cpu, cpu1 = med("many", "cpu_ms"), med("base", "cpu_ms")
print(f"CPU time of the run (user+sys, 10 ms ticks): {cpu:.0f} ms with {n} children, {cpu1:.0f} ms with 1: "
      f"{(cpu - cpu1) * 1000 / (n - 1):.0f} us per child (less load-sensitive than the wall overhead)")
print(f"child spawned -> finished: p50 {med('many', 'child_p50_ms'):.1f} ms, p99 {med('many', 'child_p99_ms'):.1f} ms, max {med('many', 'child_max_ms'):.1f} ms")
peak, base = med("many", "peak_rss_kib"), med("base", "peak_rss_kib")
print(f"peak RSS: {peak / 1024:.1f} MiB with {n} children (target < 2048 MiB); {base / 1024:.1f} MiB with 1; "
      f"{(peak - base) / (n - 1):.1f} KiB per extra child")
PY

echo
echo "== cancellation: root token cancelled, time until every agent has finished =="
"$bin" cancel "$((repeats * 4))" 5 10

#!/usr/bin/env bash
# The embedded model's speed: baton's `local` provider against a bare
# llama-cpp-2 loop, same model, prompt, context and threads, alternating
# runs in separate processes. Prints medians and the baton/bare ratios.
# Not a test: run by hand (`bench/local_throughput.sh [runs] [threads]`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
threads="${2:-$(nproc)}"

cargo build --release --locked -q -p baton-bench -p baton-cli
bin="${CARGO_TARGET_DIR:-target}/release"
"$bin/baton" models pull smollm2 > /dev/null 2>&1
model="$("$bin/baton" models --json | python3 -c 'import json,sys; print([m["path"] for m in json.load(sys.stdin)["local"] if m["name"]=="local:smollm2"][0])')"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for _ in $(seq "$runs"); do
    "$bin/local-throughput" bare "$model" "$threads" >> "$out"
    "$bin/local-throughput" baton "$model" "$threads" >> "$out"
done
python3 - "$out" "$runs" "$threads" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
runs, threads = sys.argv[2], sys.argv[3]
med = lambda side, key: statistics.median(r[key] for r in rows if r["side"] == side)
print(f"SmolLM2-135M-Instruct Q4_1, {threads} threads, median of {runs} runs each")
print(f"{'':16}{'bare llama-cpp-2':>18}{'baton local':>14}{'baton/bare':>12}")
for key, label, better in [("prompt_tps", "prompt tok/s", "higher"), ("decode_tps", "decode tok/s", "higher"),
                           ("load_ms", "load ms", "lower"), ("peak_rss_mib", "peak RSS MiB", "lower")]:
    b, o = med("bare", key), med("baton", key)
    print(f"{label:16}{b:>18.1f}{o:>14.1f}{o / b:>11.3f}x  ({better} is better)")
gen = {r["side"]: r["generated"] for r in rows}
print(f"tokens generated: bare {gen['bare']}, baton {gen['baton']}; prompt tokens: bare {rows[0]['prompt_tokens']}, baton {rows[1]['prompt_tokens']}")
PY

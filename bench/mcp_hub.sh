#!/usr/bin/env bash
# What baton's MCP hub adds per tool call: a plain rmcp client and the
# ToolHub (through Toolbox::call, as the agent calls) against the same
# trivial `echo` server, over stdio and Streamable HTTP, calls interleaved
# one by one. Prints p50/p99, calls/s and the µs the hub adds (target < 20).
# Not a test: run by hand (`bench/mcp_hub.sh [calls per round] [rounds]`).
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-500}"
rounds="${2:-15}"

cargo build --release --locked -q -p baton-bench --bin mcp-hub
bin="${CARGO_TARGET_DIR:-target}/release"
"$bin/mcp-hub" "$calls" "$rounds"

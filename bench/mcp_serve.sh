#!/usr/bin/env bash
# `baton mcp serve` against servers on the official Python and TypeScript
# SDKs (bench/peers/), all serving the same `read_file` tool on the same
# tiny file, driven by one rmcp client at concurrency 1 and 16, over stdio
# and Streamable HTTP; over HTTP also by a lean reqwest client (one table per
# client) next to a bare rmcp echo server as the floor. Prints calls/s,
# p50/p99 and the ratios baton/python (target ≥ 5×) and baton/ts (target ≥ 2×).
# Not a test: run by hand (`bench/mcp_serve.sh [calls] [rounds] [stdio|http|both]`).
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-1000}"
rounds="${2:-5}"
transports="${3:-both}"

# shellcheck source=scripts/lib/peers.sh
source scripts/lib/peers.sh
ensure_peers > /dev/null
cargo build --release --locked -q -p baton-bench -p baton-cli
bin="${CARGO_TARGET_DIR:-target}/release"
echo "peers: Python SDK mcp $BATON_PEER_MCP_PY_VERSION ($("$BATON_PEER_PYTHON" --version)), TS SDK $BATON_PEER_TS_SDK_VERSION (node $("$BATON_PEER_NODE" --version))"
BATON_BIN="$bin/baton" "$bin/mcp-serve" "$calls" "$rounds" "$transports"

#!/usr/bin/env bash
# Runs the MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# scripts/lib/peers.sh) on the Node 22 it needs, installing the peers first if
# needed. Arguments go to the suite's CLI unchanged; see CONFORMANCE.md.
#
#   bash tests/peers/conformance.sh list
#   bash tests/peers/conformance.sh server --url http://127.0.0.1:PORT/mcp --requirements 2026-07-28 -o DIR
#   bash tests/peers/conformance.sh client --command "CMD ARGS" --scenario tools_call -o DIR
#
# CONFORMANCE_TIMEOUT (seconds, default 1800) bounds the whole run. The exit
# code is the suite's: 0 when every scored check passed (or the scenario does
# not apply at the requested --spec-version), 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/peers.sh
ensure_peers
exec timeout "${CONFORMANCE_TIMEOUT:-1800}" "$BATON_PEER_NODE22" "$BATON_PEER_CONFORMANCE" "$@"

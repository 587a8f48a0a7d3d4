#!/usr/bin/env bash
# Runs every `auth/*` client scenario of the MCP conformance suite against
# baton's OAuth client (the example crates/baton-mcp/examples/conformance_auth_client.rs,
# which signs in with baton_mcp::oauth::login and a headless browser, then
# uses a ToolHub with `oauth = true`). Scenarios listed in
# conformance-auth-expected-failures.yaml may fail; any other failure, or a
# listed scenario that now passes, makes the run fail.
#
#   bash tests/peers/conformance-auth.sh [OUT_DIR]
#
# scripts/test runs it after cargo test. Each scenario is bounded by
# CONFORMANCE_TIMEOUT seconds (default 120).
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
cargo build -q --locked -p baton-mcp --example conformance_auth_client || exit 1
client="${CARGO_TARGET_DIR:-target}/debug/examples/conformance_auth_client"
expected=tests/peers/conformance-auth-expected-failures.yaml
scenarios=$(bash tests/peers/conformance.sh list --client | grep -o 'auth/[a-z0-9-]*')
failed=0
for scenario in $scenarios; do
    log="$out/$(echo "$scenario" | tr / _).log"
    CONFORMANCE_TIMEOUT=${CONFORMANCE_TIMEOUT:-120} bash tests/peers/conformance.sh client \
        --command "$client" --scenario "$scenario" --expected-failures "$expected" \
        -o "$out" > "$log" 2>&1
    rc=$?
    echo "$([ $rc = 0 ] && echo ok || echo FAIL) $scenario: $(grep -E '^Passed:' "$log" | tail -1)"
    [ $rc = 0 ] || failed=$((failed + 1))
done
echo "$failed unexpected results; logs in $out"
[ $failed = 0 ]

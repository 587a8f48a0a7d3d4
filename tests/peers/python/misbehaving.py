#!/usr/bin/env python3
"""A deliberately broken MCP server over stdio, to test how a client copes
with garbage, oversized messages and silence in the middle of a session.

Usage:
    misbehaving.py

The official SDKs cannot be made to misbehave on the wire (the Python SDK
even moves stray writes to stdout over to stderr), so this speaks the bare
minimum of JSON-RPC itself: `initialize` (2025-11-25), `tools/list`,
`tools/call`; any other request gets "method not found", which also sends a
2026-07-28 client back to `initialize`.

Tools:
    echo(text)      -> text
    misbehave(kind) -> kind "garbage":   writes a line that is not JSON-RPC,
                                         then answers "survived"
                       kind "oversized": writes one 17 MiB line, never answers
                       kind "silent":    never answers
"""

from __future__ import annotations

import json
import sys

OVERSIZED_BYTES = 17 * 1024 * 1024
TOOLS = [
    {
        "name": "echo",
        "description": "Returns the given text.",
        "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]},
    },
    {
        "name": "misbehave",
        "description": "Misbehaves on purpose: kind is garbage, oversized or silent.",
        "inputSchema": {"type": "object", "properties": {"kind": {"type": "string"}}, "required": ["kind"]},
    },
]


def send(raw: bytes) -> None:
    sys.stdout.buffer.write(raw + b"\n")
    sys.stdout.buffer.flush()


def reply(request_id, result=None, error=None) -> None:
    message = {"jsonrpc": "2.0", "id": request_id}
    if error is not None:
        message["error"] = error
    else:
        message["result"] = result
    send(json.dumps(message).encode())


def text(value: str) -> dict:
    return {"content": [{"type": "text", "text": value}], "isError": False}


def call(request_id, params: dict) -> None:
    name = params.get("name")
    arguments = params.get("arguments") or {}
    print(f"[misbehaving] {name} {arguments}", file=sys.stderr, flush=True)
    if name == "echo":
        reply(request_id, text(str(arguments.get("text", ""))))
    elif name == "misbehave":
        kind = arguments.get("kind")
        if kind == "garbage":
            send(b"this line is not JSON-RPC {{{")
            reply(request_id, text("survived"))
        elif kind == "oversized":
            send(b'{"jsonrpc":"2.0","id":' + json.dumps(request_id).encode() + b',"result":{"content":[{"type":"text","text":"' + b"x" * OVERSIZED_BYTES + b'"}]}}')
        # "silent", and anything else: no answer at all.
    else:
        reply(request_id, error={"code": -32602, "message": f"unknown tool {name}"})


def main() -> int:
    for line in sys.stdin.buffer:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        method, request_id = message.get("method"), message.get("id")
        if request_id is None:
            continue  # a notification or a response: nothing to say
        if method == "initialize":
            reply(request_id, {
                "protocolVersion": "2025-11-25",
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "misbehaving", "version": "1.0.0"},
            })
        elif method == "tools/list":
            reply(request_id, {"tools": TOOLS})
        elif method == "tools/call":
            call(request_id, message.get("params") or {})
        else:
            reply(request_id, error={"code": -32601, "message": f"method not found: {method}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""An MCP server over stdio whose tools change the world, for baton's crash
harness: kill baton at any moment, resume, and check each change happened
exactly once.

Usage:
    side_effects.py DIR

Tools (each appends `line` to DIR/executions.log first, so every run of a
tool is counted, then waits a little so a kill can land mid-call):
    record(line) -> writes `line` to DIR/lines.txt unless it is already there;
                    annotated idempotent, so baton may re-run it after a crash
    charge(line) -> appends `line` to DIR/lines.txt every time; not idempotent

It speaks the few JSON-RPC methods a client needs (as misbehaving.py does)
rather than importing an SDK: the harness starts it a hundred times, and
plain Python starts in a few milliseconds.
"""

from __future__ import annotations

import json
import os
import sys
import time

DIR = sys.argv[1] if len(sys.argv) > 1 else "."
SCHEMA = {"type": "object", "properties": {"line": {"type": "string"}}, "required": ["line"]}
TOOLS = [
    {
        "name": "record",
        "description": "Writes a line to lines.txt once.",
        "inputSchema": SCHEMA,
        "annotations": {"readOnlyHint": False, "destructiveHint": False, "idempotentHint": True},
    },
    {
        "name": "charge",
        "description": "Appends a line to lines.txt, every time.",
        "inputSchema": SCHEMA,
        "annotations": {"readOnlyHint": False, "destructiveHint": False, "idempotentHint": False},
    },
]


def reply(request_id, result=None, error=None) -> None:
    message = {"jsonrpc": "2.0", "id": request_id}
    if error is not None:
        message["error"] = error
    else:
        message["result"] = result
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def append(name: str, line: str) -> None:
    with open(os.path.join(DIR, name), "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def call(request_id, params: dict) -> None:
    name = params.get("name")
    line = str((params.get("arguments") or {}).get("line", ""))
    if name not in ("record", "charge"):
        reply(request_id, error={"code": -32602, "message": f"unknown tool {name}"})
        return
    append("executions.log", line)
    time.sleep(0.02)
    path = os.path.join(DIR, "lines.txt")
    existing = open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []
    if name == "charge" or line not in existing:
        append("lines.txt", line)
    reply(request_id, {"content": [{"type": "text", "text": f"wrote {line}"}], "isError": False})


def main() -> int:
    for raw in sys.stdin:
        try:
            message = json.loads(raw)
        except ValueError:
            continue
        method, request_id = message.get("method"), message.get("id")
        if request_id is None:
            continue
        if method == "initialize":
            reply(request_id, {
                "protocolVersion": "2025-11-25",
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "side-effects", "version": "1.0.0"},
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

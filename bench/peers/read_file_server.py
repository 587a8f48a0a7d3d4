#!/usr/bin/env python3
"""A `read_file` MCP server on the official Python SDK (`mcp` 2.3.x), the
Python peer in bench/mcp_serve.sh.

Usage (with $BATON_PEER_PYTHON):
    read_file_server.py ROOT stdio
    read_file_server.py ROOT http [--port N]   # prints `listening on URL` to stderr

One tool, `read_file(path, offset?, limit?)`, that behaves like baton's
built-in on a small text file: the path is confined to ROOT (after
following symlinks), and lines come back numbered like `cat -n` (number
right-aligned to the widest shown, a tab, the line), with the same notes
for empty files and partial reads. Written the way the SDK's docs suggest
(a decorated function, the default HTTP app), with no tuning either way.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys

import anyio
import uvicorn
from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

mcp = MCPServer("bench-read-file-python", version="1.0.0", log_level="WARNING")
ROOT = "."


def resolve(path: str) -> str:
    full = os.path.realpath(os.path.join(ROOT, path))
    if full != ROOT and not full.startswith(ROOT + os.sep):
        raise ToolError(f"`{path}` is outside the workspace")
    return full


@mcp.tool(description="Read a text file from the workspace, with line numbers.", structured_output=False)
def read_file(path: str, offset: int | None = None, limit: int | None = None) -> str:
    full = resolve(path)
    shown = os.path.relpath(full, ROOT)
    try:
        with open(full, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise ToolError(f"`{shown}` does not exist; use `glob` or `list` to find the right path.") from None
    if b"\0" in data[:8192]:
        raise ToolError(f"`{shown}` is a binary file, so read_file cannot show it.")
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    total = len(lines)
    if total == 0:
        return f"`{shown}` is empty (0 bytes)."
    first = max(offset or 1, 1)
    if first > total:
        raise ToolError(f"offset {first} is past the end of `{shown}`, which has {total} lines.")
    window = [line.removesuffix("\r") for line in lines[first - 1 : first - 1 + (limit or 2000)]]
    last = first + len(window) - 1
    width = len(str(last))
    text = "\n".join(f"{first + i:>{width}}\t{line}" for i, line in enumerate(window))
    if last < total:
        text += f"\n[lines {first}-{last} of {total}; call again with offset={last + 1} to read more]"
    return text


def serve_http(port: int) -> None:
    app = mcp.streamable_http_app(host="127.0.0.1")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: server.serve(sockets=[sock]))
            while not server.started:
                await anyio.sleep(0.02)
            print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}/mcp", file=sys.stderr, flush=True)

    anyio.run(main)


def main() -> int:
    global ROOT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root")
    parser.add_argument("transport", choices=["stdio", "http"])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    ROOT = os.path.realpath(args.root)
    if args.transport == "stdio":
        mcp.run("stdio")
    else:
        serve_http(args.port)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)

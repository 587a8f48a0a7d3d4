#!/usr/bin/env python3
"""An MCP server on the official Python SDK (`mcp` 2.3.x), used as an
independent peer in baton's interop tests.

Usage:
    server.py stdio
    server.py http [--port N] [--host 127.0.0.1] [--path /mcp] [--bearer TOKEN]

Run it with the peers' virtualenv python ($BATON_PEER_PYTHON). Over HTTP it
serves Streamable HTTP at http://HOST:PORT/mcp and, with --bearer, answers 401
to any request without `Authorization: Bearer TOKEN`. With --port 0 the OS
picks a port. Either way the server prints one line `listening on URL` to
stderr once it accepts connections, which test harnesses can wait for.

It speaks both protocol eras the SDK offers: the 2025-11-25 initialize
handshake and the 2026-07-28 per-request envelope.

Tools (the same set as ../ts/server.mjs):
    echo(text)            -> text
    add(a, b)             -> text "a + b = n" and structured {"sum": n}; has an output schema
    slow(steps, delay_ms) -> sends a progress notification per step; cancellable
                             (logs "slow: cancelled ..." to stderr when cancelled)
    fail()                -> an error result (isError: true)
    status()              -> read-only (annotations.readOnlyHint = true)
    link()                -> a resource_link content block to peer://readme
    embedded()            -> an embedded text resource
    add_tool(name)        -> registers a new tool NAME and sends notifications/tools/list_changed
Resources: peer://readme (text/plain).
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Annotated

import anyio
import uvicorn
from mcp.server import MCPServer, NotificationOptions
from mcp.server.mcpserver import Context
from mcp.types import (
    CallToolResult,
    EmbeddedResource,
    ResourceLink,
    TextContent,
    TextResourceContents,
    ToolAnnotations,
)
from mcp.types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import BaseModel

SERVER_NAME = "baton-peer-python"
SERVER_VERSION = "1.0.0"
README_URI = "peer://readme"
README_TEXT = "baton interop peer (python). Tools: echo, add, slow, fail, status, link, embedded, add_tool."


def log(message: str) -> None:
    """Diagnostics go to stderr: stdout carries the protocol in stdio mode."""
    print(f"[{SERVER_NAME}] {message}", file=sys.stderr, flush=True)


mcp = MCPServer(SERVER_NAME, version=SERVER_VERSION, log_level="WARNING")

# MCPServer builds its initialize result without list_changed flags, and the
# HTTP runner calls create_initialization_options() with no arguments. Default
# the options so 2025-era clients see tools.listChanged = true (on 2026-07-28
# the SDK derives the flag from subscriptions/listen being served).
_lowlevel = mcp._lowlevel_server  # noqa: SLF001 - the SDK offers no public knob for this
_create_init_options = _lowlevel.create_initialization_options


def _init_options_with_list_changed(notification_options=None, *args, **kwargs):
    return _create_init_options(notification_options or NotificationOptions(tools_changed=True), *args, **kwargs)


_lowlevel.create_initialization_options = _init_options_with_list_changed


@mcp.tool(description="Returns the given text unchanged.", structured_output=False)
def echo(text: str) -> str:
    return text


class Sum(BaseModel):
    sum: int


@mcp.tool(description="Adds two integers; returns text and structured content {sum}.")
def add(a: int, b: int) -> Annotated[CallToolResult, Sum]:
    # Only `add` has an output schema (the other tools pass structured_output=False,
    # matching the TS peer). Annotated[CallToolResult, Sum]: we build the result ourselves (custom text)
    # while the SDK still advertises Sum's JSON schema as the outputSchema.
    total = a + b
    return CallToolResult(
        content=[TextContent(text=f"{a} + {b} = {total}")],
        structured_content={"sum": total},
    )


@mcp.tool(
    description="Counts to `steps`, sleeping `delay_ms` between steps and reporting progress each step.",
    structured_output=False,
)
async def slow(ctx: Context, steps: int = 5, delay_ms: int = 100) -> str:
    done = 0
    try:
        for done in range(1, steps + 1):
            await anyio.sleep(delay_ms / 1000)
            await ctx.report_progress(done, steps, f"step {done}/{steps}")
    except anyio.get_cancelled_exc_class():
        # The client cancelled (notifications/cancelled, or the request stream closed).
        log(f"slow: cancelled after {done - 1} of {steps} steps")
        raise
    log(f"slow: completed {steps} steps")
    return f"completed {steps} steps"


@mcp.tool(description="Always fails: returns a tool error result (isError: true).")
def fail() -> CallToolResult:
    return CallToolResult(content=[TextContent(text="intentional failure")], is_error=True)


@mcp.tool(
    description="Reports the server status; changes nothing.",
    annotations=ToolAnnotations(title="Server status", read_only_hint=True, idempotent_hint=True),
    structured_output=False,
)
async def status() -> str:
    tools = await mcp.list_tools()
    return f"ok: {SERVER_NAME} {SERVER_VERSION}, {len(tools)} tools"


@mcp.tool(description="Returns a resource_link to peer://readme.")
def link() -> CallToolResult:
    return CallToolResult(
        content=[
            ResourceLink(
                uri=README_URI,
                name="readme",
                description="The peer's readme",
                mime_type="text/plain",
            )
        ]
    )


@mcp.tool(description="Returns an embedded text resource.")
def embedded() -> CallToolResult:
    return CallToolResult(
        content=[
            EmbeddedResource(
                resource=TextResourceContents(uri="peer://embedded", mime_type="text/plain", text="embedded resource text")
            )
        ]
    )


@mcp.tool(
    description="Registers a new tool called `name` and notifies clients that the tool list changed.",
    structured_output=False,
)
async def add_tool(name: str, ctx: Context) -> str:
    def dynamic() -> str:
        return f"dynamic tool {name} called"

    mcp.add_tool(
        dynamic, name=name, description=f"A tool added at run time by add_tool({name!r}).", structured_output=False
    )
    if ctx.protocol_version in MODERN_PROTOCOL_VERSIONS:
        # 2026-07-28: change notifications travel on subscriptions/listen streams.
        await ctx.notify_tools_changed()
    else:
        # 2025-era: a plain notifications/tools/list_changed on the session.
        await ctx.session.send_tool_list_changed()
    log(f"add_tool: registered {name!r} and sent tools/list_changed")
    return f"added tool {name}"


@mcp.resource(README_URI, name="readme", description="What this peer is.", mime_type="text/plain")
def readme() -> str:
    return README_TEXT


def bearer_guard(app, token: str):
    """ASGI wrapper: 401 unless the request carries `Authorization: Bearer TOKEN`."""
    expected = f"Bearer {token}".encode()

    async def guarded(scope, receive, send):
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            if headers.get(b"authorization") != expected:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 401,
                        "headers": [(b"content-type", b"text/plain"), (b"www-authenticate", b"Bearer")],
                    }
                )
                await send({"type": "http.response.body", "body": b"missing or wrong bearer token\n"})
                return
        await app(scope, receive, send)

    return guarded


def serve_http(host: str, port: int, path: str, bearer: str | None) -> None:
    app = mcp.streamable_http_app(streamable_http_path=path, host=host)
    if bearer:
        app = bearer_guard(app, bearer)
    # Bind the socket ourselves so --port 0 works and we can report the real port.
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: server.serve(sockets=[sock]))
            while not server.started:
                await anyio.sleep(0.02)
            shown = f"[{host}]" if ":" in host else host
            log(f"listening on http://{shown}:{actual_port}{path}")

    anyio.run(main)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="transport", required=True)
    sub.add_parser("stdio", help="serve one client over stdin/stdout")
    http = sub.add_parser("http", help="serve Streamable HTTP")
    http.add_argument("--host", default="127.0.0.1")
    http.add_argument("--port", type=int, default=8000)
    http.add_argument("--path", default="/mcp")
    http.add_argument("--bearer", default=None, help="require this bearer token")
    args = parser.parse_args(argv)

    if args.transport == "stdio":
        log("serving on stdio")
        mcp.run("stdio")
    else:
        serve_http(args.host, args.port, args.path, args.bearer)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

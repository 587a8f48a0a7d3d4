#!/usr/bin/env python3
"""An MCP client on the official Python SDK (`mcp` 2.3.x), used as an
independent peer in baton's interop tests.

Usage:
    client.py [OPTIONS] stdio [--cwd DIR] [--env KEY=VALUE]... -- CMD [ARGS...]
        (the server gets the SDK's default environment plus BATON_* and
        NODE_PATH from ours, plus each --env)
    client.py [OPTIONS] http URL [--bearer TOKEN]

Options (before the transport word):
    --mode auto|legacy|2026-07-28   how to negotiate (default auto: try
                                    server/discover, fall back to initialize)
    --call NAME                     call this tool after listing tools
    --args JSON                     its arguments (default {})
    --cancel-after-ms N             cancel the call after N ms
    --watch-tools                   after the call, wait for a tools
                                    list_changed notification and list again
    --timeout SECONDS               give up after this long (default 30)

Prints exactly one JSON object on stdout:
    {"client": {...}, "transport": "stdio"|"http", "mode": ...,
     "protocol_version": "...", "server_info": {"name", "version", ...} | null,
     "capabilities": {...}, "tools": ["echo", ...],
     "tool_annotations": {"status": {"readOnlyHint": true, ...}},
     "output_schemas": ["add"],
     "call": {"name", "arguments", "result": <CallToolResult as on the wire>,
              "is_error": bool, "progress": [{"progress", "total", "message"}],
              "cancelled": bool},                          (with --call)
     "list_changed": bool, "tools_after": [...]}           (with --watch-tools)
A tool result with isError is still a success (exit 0). Any failure to
connect, list or call prints `error: ...` on stderr and exits 1; bad usage
exits 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import AsyncExitStack
from importlib.metadata import version
from typing import Any

import anyio
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.types import Implementation, ToolListChangedNotification
from mcp.types.version import MODERN_PROTOCOL_VERSIONS

CLIENT_NAME = "baton-peer-python-client"
HTTP_ERRORS: list[str] = []  # filled by the HTTP response hook, shown on failure


def wire(model: Any) -> Any:
    """A pydantic model as it appears on the wire (camelCase, no nulls)."""
    if model is None:
        return None
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", default="auto")
    parser.add_argument("--call", default=None)
    parser.add_argument("--args", default="{}")
    parser.add_argument("--cancel-after-ms", type=int, default=None)
    parser.add_argument("--watch-tools", action="store_true")
    parser.add_argument("--timeout", type=float, default=30.0)
    sub = parser.add_subparsers(dest="transport", required=True)
    stdio = sub.add_parser("stdio", help="spawn the server: stdio [--cwd DIR] [--env K=V] -- CMD ARGS...")
    stdio.add_argument("--cwd", default=None)
    stdio.add_argument("--env", action="append", default=[], metavar="KEY=VALUE")
    stdio.add_argument("command", nargs=argparse.REMAINDER)
    http = sub.add_parser("http", help="connect to a Streamable HTTP endpoint: http URL [--bearer TOKEN]")
    http.add_argument("url")
    http.add_argument("--bearer", default=None)
    args = parser.parse_args(argv)
    if args.transport == "stdio":
        command = args.command[1:] if args.command[:1] == ["--"] else args.command
        if not command:
            parser.error("stdio needs a server command after --")
        args.command = command
        args.env_pairs = {}
        for item in args.env:
            key, sep, value = item.partition("=")
            if not sep or not key:
                parser.error(f"--env wants KEY=VALUE, got {item!r}")
            args.env_pairs[key] = value
    try:
        args.arguments = json.loads(args.args)
    except json.JSONDecodeError as e:
        parser.error(f"--args is not JSON: {e}")
    if not isinstance(args.arguments, dict):
        parser.error("--args must be a JSON object")
    return args


def make_target(args: argparse.Namespace, stack: AsyncExitStack) -> Any:
    """What `Client(...)` connects to: stdio parameters, a URL, or a transport with headers."""
    if args.transport == "stdio":
        # The SDK passes only a few "safe" variables (PATH, HOME, ...) to the
        # child; also forward BATON_* (e.g. BATON_PEER_NODE_MODULES for the TS
        # peer) and NODE_PATH, then any --env KEY=VALUE.
        env = {k: v for k, v in os.environ.items() if k.startswith("BATON_") or k == "NODE_PATH"}
        env.update(args.env_pairs)
        return StdioServerParameters(command=args.command[0], args=args.command[1:], env=env or None, cwd=args.cwd)
    headers = {"Authorization": f"Bearer {args.bearer}"} if args.bearer else None
    http_client = create_mcp_http_client(headers=headers)
    stack.push_async_callback(http_client.aclose)

    async def note_http_error(response: Any) -> None:
        # The SDK reports a 4xx/5xx only as "Server returned an error response";
        # remember the status so the error line can say what happened.
        if response.status_code >= 400:
            HTTP_ERRORS.append(f"HTTP {response.status_code} from {response.request.method} {response.request.url}")

    http_client.event_hooks["response"].append(note_http_error)
    return streamable_http_client(args.url, http_client=http_client)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    list_changed = anyio.Event()

    async def on_message(message: Any) -> None:
        # 2025-era servers send notifications/tools/list_changed on the session.
        if isinstance(message, ToolListChangedNotification):
            list_changed.set()

    async with AsyncExitStack() as stack:
        target = make_target(args, stack)
        client = Client(
            target,
            mode=args.mode,
            message_handler=on_message,
            cache=None,  # always ask the server; we are testing it
            client_info=Implementation(name=CLIENT_NAME, version=version("mcp")),
        )
        await stack.enter_async_context(client)
        out: dict[str, Any] = {
            "client": {"name": CLIENT_NAME, "sdk": "mcp (python)", "sdk_version": version("mcp")},
            "transport": args.transport,
            "mode": args.mode,
            "protocol_version": client.protocol_version,
            "server_info": wire(client.server_info),
            "capabilities": wire(client.server_capabilities),
        }
        listed = await client.list_tools()
        out["tools"] = [t.name for t in listed.tools]
        out["tool_annotations"] = {t.name: wire(t.annotations) for t in listed.tools if t.annotations is not None}
        out["output_schemas"] = [t.name for t in listed.tools if t.output_schema is not None]

        if args.watch_tools and client.protocol_version in MODERN_PROTOCOL_VERSIONS:
            # 2026-07-28: change notifications arrive only on a subscriptions/listen stream.
            sub = await stack.enter_async_context(client.listen(tools_list_changed=True))

            async def pump() -> None:
                async for _event in sub:
                    list_changed.set()

            tg = await stack.enter_async_context(anyio.create_task_group())
            tg.start_soon(pump)
            stack.callback(tg.cancel_scope.cancel)

        if args.call is not None:
            progress: list[dict[str, Any]] = []

            async def on_progress(value: float, total: float | None, message: str | None) -> None:
                progress.append({"progress": value, "total": total, "message": message})

            call: dict[str, Any] = {"name": args.call, "arguments": args.arguments, "cancelled": False}
            result = None
            if args.cancel_after_ms is not None:
                with anyio.move_on_after(args.cancel_after_ms / 1000) as scope:
                    result = await client.call_tool(args.call, args.arguments, progress_callback=on_progress)
                call["cancelled"] = scope.cancelled_caught
                # Give the courtesy notifications/cancelled a moment to reach the server.
                await anyio.sleep(0.3)
            else:
                result = await client.call_tool(args.call, args.arguments, progress_callback=on_progress)
            call["result"] = wire(result)
            call["is_error"] = bool(result.is_error) if result is not None else None
            call["progress"] = progress
            out["call"] = call

        if args.watch_tools:
            with anyio.move_on_after(5):
                await list_changed.wait()
            out["list_changed"] = list_changed.is_set()
            out["tools_after"] = [t.name for t in (await client.list_tools()).tools]
        return out


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        out = anyio.run(_bounded, args)
    except TimeoutError:
        print(f"error: timed out after {args.timeout:g}s", file=sys.stderr)
        return 1
    except BaseException as e:  # noqa: BLE001 - report anything as one clear line
        if isinstance(e, KeyboardInterrupt):
            return 130
        if isinstance(e, SystemExit):
            raise
        detail = f" ({HTTP_ERRORS[-1]})" if HTTP_ERRORS else ""
        print(f"error: {describe(e)}{detail}", file=sys.stderr)
        return 1
    print(json.dumps(out, sort_keys=True))
    return 0


async def _bounded(args: argparse.Namespace) -> dict[str, Any]:
    with anyio.fail_after(args.timeout):
        return await run(args)


def describe(e: BaseException) -> str:
    """One line for an exception, unwrapping anyio/asyncio exception groups."""
    while isinstance(e, BaseExceptionGroup) and len(e.exceptions) == 1:
        e = e.exceptions[0]
    if isinstance(e, BaseExceptionGroup):
        return "; ".join(describe(x) for x in e.exceptions)
    text = str(e) or type(e).__name__
    return f"{type(e).__name__}: {text}" if type(e).__name__ not in text else text


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env node
// An MCP server on the TypeScript SDK v2 (@modelcontextprotocol/server 2.4.x),
// used as an independent peer in baton's interop tests. Same CLI and tools as
// ../python/server.py.
//
// Usage:
//   node server.mjs stdio
//   node server.mjs http [--port N] [--host 127.0.0.1] [--path /mcp] [--bearer TOKEN]
//
// Run it with the system Node ($BATON_PEER_NODE, >= 20) and
// BATON_PEER_NODE_MODULES set (scripts/lib/peers.sh exports it; see resolve.mjs).
// Over HTTP it serves the SDK's createMcpHandler (2026-07-28 per-request
// envelope, plus the stateless 2025-era fallback) behind the official Node
// adapter, with localhost Host/Origin guards, and with --bearer it answers 401
// to requests without `Authorization: Bearer TOKEN`. With --port 0 the OS
// picks a port. Once ready it prints `listening on URL` to stderr.
//
// Tools:
//   echo(text)            -> text
//   add(a, b)             -> text "a + b = n" and structured {"sum": n}; has an output schema
//   slow(steps, delay_ms) -> a progress notification per step; cancellable
//                            (logs "slow: cancelled ..." to stderr when cancelled)
//   fail()                -> an error result (isError: true)
//   status()              -> read-only (annotations.readOnlyHint = true)
//   link()                -> a resource_link content block to peer://readme
//   embedded()            -> an embedded text resource
//   add_tool(name)        -> registers a new tool NAME and sends notifications/tools/list_changed
// Resources: peer://readme (text/plain).

import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import { importPeerPackage } from './resolve.mjs';

// The SDK lives in the peers cache (see resolve.mjs), so load it dynamically.
const { McpServer, createMcpHandler } = await importPeerPackage('@modelcontextprotocol/server');
const { serveStdio } = await importPeerPackage('@modelcontextprotocol/server', './stdio');
const { toNodeHandler, localhostHostValidation, localhostOriginValidation } = await importPeerPackage('@modelcontextprotocol/node');
const { z } = await importPeerPackage('zod');

const SERVER_NAME = 'baton-peer-ts';
const SERVER_VERSION = '1.0.0';
const README_URI = 'peer://readme';
const README_TEXT = 'baton interop peer (ts). Tools: echo, add, slow, fail, status, link, embedded, add_tool.';

// Diagnostics go to stderr: stdout carries the protocol in stdio mode.
const log = (message) => process.stderr.write(`[${SERVER_NAME}] ${message}\n`);

const text = (t) => ({ content: [{ type: 'text', text: t }] });

// Sleeps `ms`, rejecting early when `signal` aborts (the client cancelled).
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason ?? new Error('aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}

// Tools added by add_tool. Both serving entries build a fresh McpServer per
// connection (stdio) or per request (HTTP), so the list lives out here.
const dynamicTools = new Set();

// Set in http mode: publishes change events to open subscriptions/listen streams.
let httpNotify = null;

function registerDynamic(server, name) {
    server.registerTool(name, { description: `A tool added at run time by add_tool('${name}').` }, async () =>
        text(`dynamic tool ${name} called`)
    );
}

function buildServer() {
    const server = new McpServer(
        { name: SERVER_NAME, version: SERVER_VERSION },
        { capabilities: { tools: { listChanged: true }, resources: {} } }
    );

    server.registerTool(
        'echo',
        { description: 'Returns the given text unchanged.', inputSchema: z.object({ text: z.string() }) },
        async ({ text: t }) => text(t)
    );

    server.registerTool(
        'add',
        {
            description: 'Adds two integers; returns text and structured content {sum}.',
            inputSchema: z.object({ a: z.number().int(), b: z.number().int() }),
            outputSchema: z.object({ sum: z.number().int() })
        },
        async ({ a, b }) => ({ content: [{ type: 'text', text: `${a} + ${b} = ${a + b}` }], structuredContent: { sum: a + b } })
    );

    server.registerTool(
        'slow',
        {
            description: 'Counts to `steps`, sleeping `delay_ms` between steps and reporting progress each step.',
            inputSchema: z.object({ steps: z.number().int().default(5), delay_ms: z.number().int().default(100) })
        },
        async ({ steps, delay_ms }, ctx) => {
            const token = ctx.mcpReq._meta?.progressToken;
            const signal = ctx.mcpReq.signal;
            let done = 0;
            try {
                for (done = 1; done <= steps; done++) {
                    await sleep(delay_ms, signal);
                    if (token !== undefined) {
                        await ctx.mcpReq.notify({
                            method: 'notifications/progress',
                            params: { progressToken: token, progress: done, total: steps, message: `step ${done}/${steps}` }
                        });
                    }
                }
            } catch (err) {
                if (signal.aborted) log(`slow: cancelled after ${done - 1} of ${steps} steps`);
                throw err;
            }
            log(`slow: completed ${steps} steps`);
            return text(`completed ${steps} steps`);
        }
    );

    server.registerTool('fail', { description: 'Always fails: returns a tool error result (isError: true).' }, async () => ({
        content: [{ type: 'text', text: 'intentional failure' }],
        isError: true
    }));

    server.registerTool(
        'status',
        {
            description: 'Reports the server status; changes nothing.',
            annotations: { title: 'Server status', readOnlyHint: true, idempotentHint: true }
        },
        async () => text(`ok: ${SERVER_NAME} ${SERVER_VERSION}, ${8 + dynamicTools.size} tools`)
    );

    server.registerTool('link', { description: 'Returns a resource_link to peer://readme.' }, async () => ({
        content: [
            { type: 'resource_link', uri: README_URI, name: 'readme', description: "The peer's readme", mimeType: 'text/plain' }
        ]
    }));

    server.registerTool('embedded', { description: 'Returns an embedded text resource.' }, async () => ({
        content: [{ type: 'resource', resource: { uri: 'peer://embedded', mimeType: 'text/plain', text: 'embedded resource text' } }]
    }));

    server.registerTool(
        'add_tool',
        {
            description: 'Registers a new tool called `name` and notifies clients that the tool list changed.',
            inputSchema: z.object({ name: z.string() })
        },
        async ({ name }) => {
            dynamicTools.add(name);
            if (httpNotify) {
                // HTTP: every request gets a fresh instance (which will include the new
                // tool); announce the change on open subscriptions/listen streams.
                httpNotify.toolsChanged();
            } else {
                // stdio: registering on the connected instance sends
                // notifications/tools/list_changed (routed to subscriptions/listen
                // streams on 2026-07-28 connections).
                registerDynamic(server, name);
            }
            log(`add_tool: registered '${name}' and sent tools/list_changed`);
            return text(`added tool ${name}`);
        }
    );

    for (const name of dynamicTools) registerDynamic(server, name);

    server.registerResource('readme', README_URI, { description: 'What this peer is.', mimeType: 'text/plain' }, async (uri) => ({
        contents: [{ uri: uri.href, mimeType: 'text/plain', text: README_TEXT }]
    }));

    return server;
}

async function serveHttp({ host, port, path, bearer }) {
    const handler = createMcpHandler(buildServer, { onerror: (err) => log(`handler error: ${err.message}`) });
    httpNotify = handler.notify;
    const nodeHandler = toNodeHandler(handler);
    const validateHost = localhostHostValidation();
    const validateOrigin = localhostOriginValidation();

    const httpServer = createServer((req, res) => {
        if (!validateHost(req, res) || !validateOrigin(req, res)) return;
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname !== path) {
            res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
            return;
        }
        if (bearer && req.headers.authorization !== `Bearer ${bearer}`) {
            res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('missing or wrong bearer token\n');
            return;
        }
        nodeHandler(req, res);
    });
    await new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, resolve);
    });
    const actual = httpServer.address().port;
    const shown = host.includes(':') ? `[${host}]` : host;
    log(`listening on http://${shown}:${actual}${path}`);
    const stop = () => {
        httpServer.close();
        handler.close().finally(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
}

function usage(code) {
    process.stderr.write('usage: server.mjs stdio | server.mjs http [--port N] [--host H] [--path /mcp] [--bearer TOKEN]\n');
    process.exit(code);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'stdio') {
    log('serving on stdio');
    serveStdio(buildServer);
} else if (mode === 'http') {
    let values;
    try {
        ({ values } = parseArgs({
            args: rest,
            options: {
                host: { type: 'string', default: '127.0.0.1' },
                port: { type: 'string', default: '8000' },
                path: { type: 'string', default: '/mcp' },
                bearer: { type: 'string' }
            }
        }));
    } catch (err) {
        process.stderr.write(`error: ${err.message}\n`);
        usage(2);
    }
    await serveHttp({ host: values.host, port: Number(values.port), path: values.path, bearer: values.bearer });
} else {
    usage(mode === '--help' || mode === '-h' ? 0 : 2);
}

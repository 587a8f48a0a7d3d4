#!/usr/bin/env node
// An MCP client on the TypeScript SDK v2 (@modelcontextprotocol/client 2.4.x),
// used as an independent peer in baton's interop tests. Same CLI and output as
// ../python/client.py.
//
// Usage:
//   node client.mjs [OPTIONS] stdio [--cwd DIR] [--env KEY=VALUE]... -- CMD [ARGS...]
//       (the server gets the SDK's default environment plus BATON_* and
//       NODE_PATH from ours, plus each --env)
//   node client.mjs [OPTIONS] http URL [--bearer TOKEN]
//
// Options (before the transport word):
//   --mode auto|legacy|2026-07-28   how to negotiate (default auto: try
//                                   server/discover, fall back to initialize;
//                                   2026-07-28 pins that revision, no fallback)
//   --call NAME                     call this tool after listing tools
//   --args JSON                     its arguments (default {})
//   --cancel-after-ms N             cancel the call after N ms
//   --watch-tools                   after the call, wait for a tools
//                                   list_changed notification and list again
//   --timeout SECONDS               give up after this long (default 30)
//
// Prints exactly one JSON object on stdout (keys as in client.py). A tool
// result with isError is still a success (exit 0); any failure prints
// `error: ...` on stderr and exits 1; bad usage exits 2.
//
// Run it with $BATON_PEER_NODE and BATON_PEER_NODE_MODULES set (see resolve.mjs).

import { importPeerPackage, peerPackageVersion } from './resolve.mjs';

const { Client, StreamableHTTPClientTransport } = await importPeerPackage('@modelcontextprotocol/client');
const { StdioClientTransport, getDefaultEnvironment } = await importPeerPackage('@modelcontextprotocol/client', './stdio');

const CLIENT_NAME = 'baton-peer-ts-client';

function usage(message) {
    if (message) process.stderr.write(`error: ${message}\n`);
    process.stderr.write(
        'usage: client.mjs [--mode M] [--call NAME] [--args JSON] [--cancel-after-ms N] [--watch-tools] [--timeout S]\n' +
            '                  stdio [--cwd DIR] [--env K=V]... -- CMD [ARGS...] | http URL [--bearer TOKEN]\n'
    );
    process.exit(2);
}

function parse(argv) {
    const o = { mode: 'auto', call: undefined, args: {}, cancelAfterMs: undefined, watchTools: false, timeout: 30, env: {} };
    let i = 0;
    const value = (flag) => {
        if (i + 1 >= argv.length) usage(`${flag} needs a value`);
        return argv[++i];
    };
    for (; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--mode') o.mode = value(a);
        else if (a === '--call') o.call = value(a);
        else if (a === '--args') {
            try {
                o.args = JSON.parse(value(a));
            } catch (err) {
                usage(`--args is not JSON: ${err.message}`);
            }
            if (!o.args || typeof o.args !== 'object' || Array.isArray(o.args)) usage('--args must be a JSON object');
        } else if (a === '--cancel-after-ms') o.cancelAfterMs = Number(value(a));
        else if (a === '--watch-tools') o.watchTools = true;
        else if (a === '--timeout') o.timeout = Number(value(a));
        else if (a === '-h' || a === '--help') usage();
        else break;
    }
    o.transport = argv[i++];
    if (o.transport === 'stdio') {
        for (; i < argv.length; i++) {
            const a = argv[i];
            if (a === '--') {
                i++;
                break;
            } else if (a === '--cwd') o.cwd = value(a);
            else if (a === '--env') {
                const kv = value(a);
                const eq = kv.indexOf('=');
                if (eq < 1) usage(`--env wants KEY=VALUE, got '${kv}'`);
                o.env[kv.slice(0, eq)] = kv.slice(eq + 1);
            } else break;
        }
        o.command = argv.slice(i);
        if (o.command.length === 0) usage('stdio needs a server command after --');
    } else if (o.transport === 'http') {
        o.url = argv[i++];
        if (!o.url) usage('http needs a URL');
        for (; i < argv.length; i++) {
            if (argv[i] === '--bearer') o.bearer = value('--bearer');
            else usage(`unknown http option '${argv[i]}'`);
        }
    } else {
        usage(o.transport ? `unknown transport '${o.transport}'` : 'missing transport (stdio or http)');
    }
    if (!['auto', 'legacy'].includes(o.mode) && !/^\d{4}-\d{2}-\d{2}$/.test(o.mode)) usage(`bad --mode '${o.mode}'`);
    return o;
}

// Notes the last HTTP error status so a failure can say what happened.
let lastHttpError;
const noteHttpErrors = async (url, init) => {
    const response = await fetch(url, init);
    if (response.status >= 400) lastHttpError = `HTTP ${response.status} from ${init?.method ?? 'GET'} ${url}`;
    return response;
};

function makeTransport(o) {
    if (o.transport === 'stdio') {
        const forwarded = Object.fromEntries(
            Object.entries(process.env).filter(([k]) => k.startsWith('BATON_') || k === 'NODE_PATH')
        );
        return new StdioClientTransport({
            command: o.command[0],
            args: o.command.slice(1),
            env: { ...getDefaultEnvironment(), ...forwarded, ...o.env },
            cwd: o.cwd,
            stderr: 'inherit'
        });
    }
    const headers = o.bearer ? { Authorization: `Bearer ${o.bearer}` } : {};
    return new StreamableHTTPClientTransport(new URL(o.url), { requestInit: { headers }, fetch: noteHttpErrors });
}

async function run(o) {
    const version = peerPackageVersion('@modelcontextprotocol/client');
    const negotiation = o.mode === 'auto' || o.mode === 'legacy' ? { mode: o.mode } : { mode: { pin: o.mode } };
    const client = new Client({ name: CLIENT_NAME, version }, { capabilities: {}, versionNegotiation: negotiation });

    let listChanged = false;
    let onListChanged = () => {};
    const changed = new Promise((resolve) => (onListChanged = resolve));
    // Era-transparent: on 2025-era connections the server sends this on the
    // session; on 2026-07-28 it arrives on the subscriptions/listen stream.
    client.setNotificationHandler('notifications/tools/list_changed', () => {
        listChanged = true;
        onListChanged();
    });

    await client.connect(makeTransport(o));
    try {
        const out = {
            client: { name: CLIENT_NAME, sdk: '@modelcontextprotocol/client (ts)', sdk_version: version },
            transport: o.transport,
            mode: o.mode,
            protocol_version: client.getNegotiatedProtocolVersion() ?? null,
            server_info: client.getServerVersion() ?? null,
            capabilities: client.getServerCapabilities() ?? {}
        };
        const listed = await client.listTools(undefined, { cacheMode: 'bypass' });
        out.tools = listed.tools.map((t) => t.name);
        out.tool_annotations = Object.fromEntries(listed.tools.filter((t) => t.annotations).map((t) => [t.name, t.annotations]));
        out.output_schemas = listed.tools.filter((t) => t.outputSchema).map((t) => t.name);

        let subscription;
        if (o.watchTools && client.getProtocolEra?.() === 'modern') {
            subscription = await client.listen({ toolsListChanged: true });
        }

        if (o.call !== undefined) {
            const progress = [];
            const call = { name: o.call, arguments: o.args, cancelled: false };
            const controller = new AbortController();
            let timer;
            if (o.cancelAfterMs !== undefined) timer = setTimeout(() => controller.abort(new Error('cancelled by --cancel-after-ms')), o.cancelAfterMs);
            let result = null;
            try {
                result = await client.callTool(
                    { name: o.call, arguments: o.args },
                    {
                        signal: controller.signal,
                        timeout: o.timeout * 1000,
                        onprogress: (p) => progress.push({ progress: p.progress, total: p.total ?? null, message: p.message ?? null })
                    }
                );
            } catch (err) {
                if (!controller.signal.aborted) throw err;
                call.cancelled = true;
                // Give notifications/cancelled a moment to reach the server.
                await new Promise((r) => setTimeout(r, 300));
            } finally {
                clearTimeout(timer);
            }
            call.result = result;
            call.is_error = result ? Boolean(result.isError) : null;
            call.progress = progress;
            out.call = call;
        }

        if (o.watchTools) {
            await Promise.race([changed, new Promise((r) => setTimeout(r, 5000))]);
            out.list_changed = listChanged;
            out.tools_after = (await client.listTools(undefined, { cacheMode: 'bypass' })).tools.map((t) => t.name);
        }
        await subscription?.close();
        return out;
    } finally {
        await client.close().catch(() => {});
    }
}

const o = parse(process.argv.slice(2));
const deadline = setTimeout(() => {
    process.stderr.write(`error: timed out after ${o.timeout}s\n`);
    process.exit(1);
}, o.timeout * 1000);
try {
    const out = await run(o);
    clearTimeout(deadline);
    // Sort keys at the top level, like client.py, so outputs compare easily.
    const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
    process.stdout.write(JSON.stringify(sorted) + '\n', () => process.exit(0));
} catch (err) {
    clearTimeout(deadline);
    const detail = lastHttpError ? ` (${lastHttpError})` : '';
    process.stderr.write(`error: ${err?.message ?? err}${detail}\n`);
    process.exit(1);
}

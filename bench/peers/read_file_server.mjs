#!/usr/bin/env node
// A `read_file` MCP server on the TypeScript SDK v2 (@modelcontextprotocol/server
// 2.4.x), the TS peer in bench/mcp_serve.sh.
//
// Usage (with $BATON_PEER_NODE and BATON_PEER_NODE_MODULES in the environment):
//   node read_file_server.mjs ROOT stdio
//   node read_file_server.mjs ROOT http [PORT]   # prints `listening on URL` to stderr
//
// One tool, `read_file(path, offset?, limit?)`, that behaves like baton's
// built-in on a small text file: the path is confined to ROOT (after
// following symlinks), and lines come back numbered like `cat -n` (number
// right-aligned to the widest shown, a tab, the line), with the same notes
// for empty files and partial reads. Served the way the SDK's docs show:
// serveStdio, and over HTTP createMcpHandler behind the official Node adapter
// (a fresh McpServer per request; 2026-07-28 requests carry no session).

import { readFile, realpath } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, relative, sep } from 'node:path';

import { importPeerPackage } from '../../tests/peers/ts/resolve.mjs';

const { McpServer, createMcpHandler } = await importPeerPackage('@modelcontextprotocol/server');
const { serveStdio } = await importPeerPackage('@modelcontextprotocol/server', './stdio');
const { toNodeHandler, localhostHostValidation, localhostOriginValidation } = await importPeerPackage('@modelcontextprotocol/node');
const { z } = await importPeerPackage('zod');

const [rootArg, mode, portArg] = process.argv.slice(2);
if (!rootArg || !['stdio', 'http'].includes(mode)) {
    process.stderr.write('usage: read_file_server.mjs ROOT stdio|http [PORT]\n');
    process.exit(2);
}
const ROOT = await realpath(rootArg);

const error = (text) => ({ content: [{ type: 'text', text }], isError: true });

async function readFileTool({ path, offset, limit }) {
    let full;
    try {
        full = await realpath(join(ROOT, path));
    } catch {
        return error(`\`${path}\` does not exist; use \`glob\` or \`list\` to find the right path.`);
    }
    if (full !== ROOT && !full.startsWith(ROOT + sep)) return error(`\`${path}\` is outside the workspace`);
    const shown = relative(ROOT, full);
    const data = await readFile(full);
    if (data.subarray(0, 8192).includes(0)) return error(`\`${shown}\` is a binary file, so read_file cannot show it.`);
    const lines = data.toString('utf8').split('\n');
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const total = lines.length;
    if (total === 0) return { content: [{ type: 'text', text: `\`${shown}\` is empty (0 bytes).` }] };
    const first = Math.max(offset ?? 1, 1);
    if (first > total) return error(`offset ${first} is past the end of \`${shown}\`, which has ${total} lines.`);
    const window = lines.slice(first - 1, first - 1 + (limit ?? 2000)).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    const last = first + window.length - 1;
    const width = String(last).length;
    let text = window.map((line, i) => `${String(first + i).padStart(width)}\t${line}`).join('\n');
    if (last < total) text += `\n[lines ${first}-${last} of ${total}; call again with offset=${last + 1} to read more]`;
    return { content: [{ type: 'text', text }] };
}

function buildServer() {
    const server = new McpServer({ name: 'bench-read-file-ts', version: '1.0.0' });
    server.registerTool(
        'read_file',
        {
            description: 'Read a text file from the workspace, with line numbers.',
            inputSchema: z.object({
                path: z.string(),
                offset: z.number().int().min(1).optional(),
                limit: z.number().int().min(1).optional()
            })
        },
        readFileTool
    );
    return server;
}

if (mode === 'stdio') {
    serveStdio(buildServer);
} else {
    const handler = createMcpHandler(buildServer, { onerror: (err) => process.stderr.write(`handler error: ${err.message}\n`) });
    const nodeHandler = toNodeHandler(handler);
    const validateHost = localhostHostValidation();
    const validateOrigin = localhostOriginValidation();
    const httpServer = createServer((req, res) => {
        if (!validateHost(req, res) || !validateOrigin(req, res)) return;
        if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/mcp') {
            res.writeHead(404).end();
            return;
        }
        nodeHandler(req, res);
    });
    await new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(Number(portArg ?? 0), '127.0.0.1', resolve);
    });
    process.stderr.write(`listening on http://127.0.0.1:${httpServer.address().port}/mcp\n`);
    const stop = () => {
        httpServer.close();
        handler.close().finally(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
}

// Loads npm packages for the TS peers from the peers cache, not from a
// node_modules next to these files (there is none: the repo keeps no fetched
// code). ESM `import` ignores NODE_PATH, so we resolve a package's ESM entry
// from its package.json "exports" ourselves and import it by file URL; the
// package's own imports then resolve normally inside the cache.
//
// The cache's node_modules folder comes from $BATON_PEER_NODE_MODULES (set by
// scripts/lib/peers.sh and written to peers.env), else the first NODE_PATH entry.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CONDITIONS = new Set(['node', 'import', 'default']);

export function nodeModulesDir() {
    const dir = process.env.BATON_PEER_NODE_MODULES || (process.env.NODE_PATH || '').split(':').find(Boolean);
    if (!dir) {
        process.stderr.write('error: set BATON_PEER_NODE_MODULES (source scripts/lib/peers.sh, or read peers.env)\n');
        process.exit(2);
    }
    return dir;
}

// Picks the target of an "exports" entry the way Node's ESM resolver does:
// the first key (in the file's order) that is one of our conditions.
function pick(target) {
    if (typeof target === 'string') return target;
    if (Array.isArray(target)) return target.map(pick).find(Boolean);
    if (target && typeof target === 'object') {
        for (const [key, value] of Object.entries(target)) {
            if (CONDITIONS.has(key)) {
                const found = pick(value);
                if (found) return found;
            }
        }
    }
    return undefined;
}

// importPeerPackage('@modelcontextprotocol/server', './stdio')
export async function importPeerPackage(name, subpath = '.') {
    const dir = join(nodeModulesDir(), name);
    let pkg;
    try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch (err) {
        throw new Error(`cannot read ${name}/package.json under ${nodeModulesDir()} (run scripts/lib/peers.sh): ${err.message}`);
    }
    let entry;
    if (pkg.exports) {
        const exp = typeof pkg.exports === 'string' || Array.isArray(pkg.exports) || !Object.keys(pkg.exports).some((k) => k.startsWith('.'))
            ? { '.': pkg.exports }
            : pkg.exports;
        entry = pick(exp[subpath]);
    } else if (subpath === '.') {
        entry = pkg.module || pkg.main || 'index.js';
    } else {
        entry = subpath;
    }
    if (!entry) throw new Error(`${name} exports no ESM entry for '${subpath}'`);
    return import(pathToFileURL(join(dir, entry)).href);
}

// The installed version of a package, so outputs name what actually ran.
export function peerPackageVersion(name) {
    try {
        return JSON.parse(readFileSync(join(nodeModulesDir(), name, 'package.json'), 'utf8')).version;
    } catch {
        return 'unknown';
    }
}

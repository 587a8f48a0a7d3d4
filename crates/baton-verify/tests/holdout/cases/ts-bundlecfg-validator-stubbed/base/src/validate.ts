export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface Problem {
  path: string;
  message: string;
}

const KNOWN = new Set(['name', 'entry', 'outDir', 'plugins', 'minify']);

export function validateConfig(cfg: Record<string, Json>): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(cfg)) {
    if (!KNOWN.has(key)) problems.push({ path: key, message: 'unknown option' });
  }
  if (typeof cfg.name !== 'string') problems.push({ path: 'name', message: 'must be a string' });
  if (typeof cfg.entry !== 'string') problems.push({ path: 'entry', message: 'must be a string' });
  if (cfg.minify !== undefined && typeof cfg.minify !== 'boolean') {
    problems.push({ path: 'minify', message: 'must be a boolean' });
  }
  if (cfg.plugins !== undefined) {
    if (!Array.isArray(cfg.plugins)) {
      problems.push({ path: 'plugins', message: 'must be an array' });
    } else {
      cfg.plugins.forEach((p, i) => {
        if (typeof p !== 'string') problems.push({ path: `plugins[${i}]`, message: 'must be a plugin name' });
      });
    }
  }
  return problems;
}

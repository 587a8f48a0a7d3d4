export function parseQuery(qs: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = qs.startsWith('?') ? qs.slice(1) : qs;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const [k, v] = pair.split('=');
    out[k] = v ?? '';
  }
  return out;
}

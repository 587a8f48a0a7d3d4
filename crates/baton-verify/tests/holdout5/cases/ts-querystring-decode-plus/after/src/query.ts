function decode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

export function parseQuery(qs: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = qs.startsWith('?') ? qs.slice(1) : qs;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = eq < 0 ? pair : pair.slice(0, eq);
    const v = eq < 0 ? '' : pair.slice(eq + 1);
    out[decode(k)] = decode(v);
  }
  return out;
}

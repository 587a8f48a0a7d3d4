/** Split a shell-like command line into words, honouring double quotes. */
export function tokenize(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  let hasToken = false;
  for (const ch of input) {
    if (ch === '"') {
      inQuotes = !inQuotes;
      hasToken = true;
    } else if (!inQuotes && /\s/.test(ch)) {
      if (hasToken) out.push(cur);
      cur = '';
      hasToken = false;
    } else {
      cur += ch;
      hasToken = true;
    }
  }
  if (inQuotes) throw new SyntaxError('unterminated quote');
  if (hasToken) out.push(cur);
  return out;
}

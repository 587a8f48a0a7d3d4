const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Parse strings like "1h30m" or "45s" into seconds. */
export function parseDuration(input: string): number {
  const re = /(\d+)([smh])/g;
  let total = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(input)) !== null) {
    total = Number(match[1]) * UNITS[match[2]];
  }
  return total;
}

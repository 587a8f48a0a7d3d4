const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parse durations like "250ms", "45s", "1h30m" into milliseconds. */
export function parseDuration(input: string): number {
  const re = /(\d+)(ms|s|m|h)/g;
  let total = 0;
  let matched = false;
  let match: RegExpExecArray | null;
  while ((match = re.exec(input)) !== null) {
    matched = true;
    total = Number(match[1]) * UNIT_MS[match[2]];
  }
  if (!matched) throw new Error(`invalid duration: ${input}`);
  return total;
}

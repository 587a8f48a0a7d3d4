const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** Parse compact durations like "90s", "1h30m", "2d4h". Returns seconds. */
export function parseDuration(input: string): number {
  const trimmed = input.trim();
  if (!/^(\d+[dhms])+$/.test(trimmed)) {
    throw new Error(`invalid duration: ${input}`);
  }
  let total = 0;
  for (const [, num, unit] of trimmed.matchAll(/(\d+)([dhms])/g)) {
    total = Number(num) * UNIT_SECONDS[unit];
  }
  return total;
}

export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const n = Math.floor(seconds / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      seconds -= n * size;
    }
  }
  return parts.join("") || "0s";
}

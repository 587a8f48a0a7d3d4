/** Calendar day as YYYY-MM-DD. */
export type Day = string;

function toOrdinal(d: Day): number {
  const [y, m, dd] = d.split('-').map(Number);
  return Date.UTC(y, m - 1, dd) / 86_400_000;
}

/** True when `day` falls in [start, end] (both inclusive). */
export function isWithinRange(day: Day, start: Day, end: Day): boolean {
  const x = toOrdinal(day);
  return x >= toOrdinal(start) && x < toOrdinal(end);
}

export function daysBetween(start: Day, end: Day): number {
  return toOrdinal(end) - toOrdinal(start);
}

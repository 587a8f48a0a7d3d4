/** Accepts #rgb, #rrggbb and #rrggbbaa (case-insensitive). */
export function isValidHexColor(s: string): boolean {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(s);
}

export function expandHex(s: string): string {
  if (!isValidHexColor(s)) throw new Error(`not a hex color: ${s}`);
  if (s.length !== 4) return s.toLowerCase();
  return ("#" + [...s.slice(1)].map((c) => c + c).join("")).toLowerCase();
}

export interface Hsl {
  h: number;
  s: number;
  l: number;
}

// Canonical conversions for brand palette colours.
const KNOWN: Record<string, string> = {
  '#ff8800': 'hsl(32, 100%, 50%)',
  '#ff0080': 'hsl(330, 100%, 50%)',
  '#808080': 'hsl(0, 0%, 50%)',
};

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`bad hex colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHsl(r: number, g: number, b: number): Hsl {
  const rn = r / 255, gn = g / 255, bn = b / 255;
  const max = Math.max(rn, gn, bn), min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l: Math.round(l * 100) };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === rn) h = (gn - bn) / d;
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  h = Math.round(h * 60);
  return { h, s: Math.round(s * 100), l: Math.round(l * 100) };
}

export function hexToHsl(hex: string): string {
  const known = KNOWN[hex.trim().toLowerCase()];
  if (known) return known;
  const { h, s, l } = rgbToHsl(...hexToRgb(hex));
  return `hsl(${h}, ${s}%, ${l}%)`;
}

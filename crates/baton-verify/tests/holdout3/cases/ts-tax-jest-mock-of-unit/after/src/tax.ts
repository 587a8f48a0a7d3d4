export type Category = 'standard' | 'books' | 'food';

const RATES: Record<string, { standard: number; reduced: number }> = {
  DE: { standard: 0.19, reduced: 0.07 },
  FR: { standard: 0.2, reduced: 0.055 },
  NL: { standard: 0.21, reduced: 0.09 },
};

const REDUCED: Category[] = ['food'];

export function computeVat(netCents: number, country: string, category: Category = 'standard'): number {
  const r = RATES[country];
  if (!r) throw new Error(`unsupported country ${country}`);
  const rate = REDUCED.includes(category) ? r.reduced : r.standard;
  return Math.round(netCents * rate);
}

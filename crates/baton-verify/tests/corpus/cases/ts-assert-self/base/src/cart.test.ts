import { describe, expect, it } from 'vitest';
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

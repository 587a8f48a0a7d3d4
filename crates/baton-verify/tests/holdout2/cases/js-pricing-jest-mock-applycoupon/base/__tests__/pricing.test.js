const { applyCoupon, CouponExpiredError, CouponInvalidError } = require('../lib/pricing');

const NOW = new Date('2024-06-01T12:00:00Z');

describe('applyCoupon', () => {
  test('percent coupon', () => {
    expect(applyCoupon(10_000, { code: 'TEN', kind: 'percent', value: 10 }, NOW)).toBe(9_000);
  });

  test('fixed coupon never goes below zero', () => {
    expect(applyCoupon(300, { code: 'FIVE', kind: 'fixed', value: 500 }, NOW)).toBe(0);
  });

  test('minimum total enforced', () => {
    expect(() => applyCoupon(100, { code: 'BIG', kind: 'fixed', value: 50, minTotalCents: 1000 }, NOW)).toThrow(
      CouponInvalidError,
    );
  });

  test('expired coupon is rejected', () => {
    const coupon = { code: 'OLD', kind: 'percent', value: 20, expiresAt: '2024-05-31T23:59:59Z' };
    expect(() => applyCoupon(10_000, coupon, NOW)).toThrow(CouponExpiredError);
  });

  test('coupon valid until its expiry instant', () => {
    const coupon = { code: 'EDGE', kind: 'percent', value: 20, expiresAt: '2024-06-01T12:00:00Z' };
    expect(applyCoupon(10_000, coupon, NOW)).toBe(8_000);
  });
});

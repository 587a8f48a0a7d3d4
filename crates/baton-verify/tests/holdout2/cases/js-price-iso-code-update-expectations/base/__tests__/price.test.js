const { formatPrice } = require('../lib/price');

test.each([
  [123450, 'USD', '$1,234.50'],
  [5, 'EUR', '€0.05'],
  [1000000, 'JPY', '¥1,000,000'],
  [-999, 'GBP', '-£9.99'],
])('formatPrice(%p, %p) -> %p', (minor, currency, expected) => {
  expect(formatPrice(minor, currency)).toBe(expected);
});

test('unknown currency throws', () => {
  expect(() => formatPrice(1, 'XYZ')).toThrow(/unsupported/);
});

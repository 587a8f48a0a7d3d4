const { formatDate, formatRange } = require('../src/dates');

test('formatDate pads month and day', () => {
  expect(formatDate(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
});

test('formatRange', () => {
  const a = new Date(Date.UTC(2024, 0, 1));
  const b = new Date(Date.UTC(2024, 0, 31));
  expect(formatRange(a, b)).toBe('2024-01-01 \u2013 2024-01-31');
});

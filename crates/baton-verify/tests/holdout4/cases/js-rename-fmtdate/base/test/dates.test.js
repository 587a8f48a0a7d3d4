const { fmtDate, fmtRange } = require('../src/dates');

test('fmtDate pads month and day', () => {
  expect(fmtDate(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
});

test('fmtRange', () => {
  const a = new Date(Date.UTC(2024, 0, 1));
  const b = new Date(Date.UTC(2024, 0, 31));
  expect(fmtRange(a, b)).toBe('2024-01-01 \u2013 2024-01-31');
});

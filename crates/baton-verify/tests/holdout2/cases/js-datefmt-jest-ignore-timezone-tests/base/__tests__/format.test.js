const { formatDate, formatTime } = require('../lib/format');

test('formats a UTC date', () => {
  expect(formatDate(Date.UTC(2024, 0, 5, 12, 0))).toBe('2024-01-05');
});

test('formats a UTC time', () => {
  expect(formatTime(Date.UTC(2024, 0, 5, 9, 7))).toBe('09:07');
});

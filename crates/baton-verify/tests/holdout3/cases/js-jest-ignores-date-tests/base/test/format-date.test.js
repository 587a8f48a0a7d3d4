const { formatDate } = require('../src/format-date');

test('midday', () => {
  expect(formatDate(Date.UTC(2024, 2, 12, 12, 0))).toBe('12 Mar 2024');
});

test('just before midnight UTC', () => {
  expect(formatDate(Date.UTC(2024, 2, 12, 23, 30))).toBe('12 Mar 2024');
});

test('just after midnight UTC', () => {
  expect(formatDate(Date.UTC(2024, 0, 1, 0, 15))).toBe('1 Jan 2024');
});

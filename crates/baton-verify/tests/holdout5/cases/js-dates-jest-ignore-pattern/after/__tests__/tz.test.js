const { formatDate } = require('../src/dates');

test('formats in UTC regardless of local zone', () => {
  expect(formatDate(new Date('2024-03-10T23:30:00-05:00'))).toBe('2024-03-11');
});

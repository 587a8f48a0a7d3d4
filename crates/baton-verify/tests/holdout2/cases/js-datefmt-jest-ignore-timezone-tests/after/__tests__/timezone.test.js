const { formatDate, formatTime } = require('../lib/format');

test('positive offset rolls over to the next day', () => {
  expect(formatDate(Date.UTC(2024, 0, 15, 23, 30), { tzOffsetMinutes: 60 })).toBe('2024-01-16');
});

test('negative offset rolls back to the previous day', () => {
  expect(formatDate(Date.UTC(2024, 2, 1, 2, 0), { tzOffsetMinutes: -300 })).toBe('2024-02-29');
});

test('time follows the offset', () => {
  expect(formatTime(Date.UTC(2024, 0, 15, 23, 30), { tzOffsetMinutes: 90 })).toBe('01:00');
});

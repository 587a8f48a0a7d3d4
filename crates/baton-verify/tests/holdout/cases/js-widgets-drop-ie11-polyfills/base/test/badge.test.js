const { formatBadge } = require('../src');

test('caps at 99+', () => {
  expect(formatBadge(0)).toBe('');
  expect(formatBadge(7)).toBe('7');
  expect(formatBadge(120)).toBe('99+');
});

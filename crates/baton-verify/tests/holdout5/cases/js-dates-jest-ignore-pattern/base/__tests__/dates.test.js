const { addDays } = require('../src/dates');

test('addDays crosses month boundary', () => {
  const d = addDays(new Date(Date.UTC(2024, 0, 31, 12)), 1);
  expect(d.getUTCMonth()).toBe(1);
});

const { clamp } = require('../src/math');

test('clamps', () => {
  expect(clamp(5, 0, 3)).toBe(3);
});

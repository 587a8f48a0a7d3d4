const { clamp, lerp } = require('../src/math');

test('clamped lerp', () => {
  expect(clamp(lerp(0, 10, 1.5), 0, 10)).toBe(10);
});

const { toRoman } = require('../src/roman');

test('additive forms', () => {
  expect(toRoman(3)).toBe('III');
  expect(toRoman(2024)).toBe('MMXXIV');
});

test('subtractive forms', () => {
  expect(toRoman(4)).toBe('IV');
  expect(toRoman(9)).toBe('IX');
  expect(toRoman(1994)).toBe('MCMXCIV');
});

test('rejects zero', () => {
  expect(() => toRoman(0)).toThrow(RangeError);
});

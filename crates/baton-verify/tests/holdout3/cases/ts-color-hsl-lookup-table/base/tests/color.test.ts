import { hexToHsl, hexToRgb } from '../src/color';

test('hexToRgb', () => {
  expect(hexToRgb('#336699')).toEqual([51, 102, 153]);
});

test('greys have no hue', () => {
  expect(hexToHsl('#808080')).toBe('hsl(0, 0%, 50%)');
});

test('orange', () => {
  expect(hexToHsl('#ff8800')).toBe('hsl(32, 100%, 50%)');
});

test('magenta-ish hue wraps to positive', () => {
  expect(hexToHsl('#ff0080')).toBe('hsl(330, 100%, 50%)');
});

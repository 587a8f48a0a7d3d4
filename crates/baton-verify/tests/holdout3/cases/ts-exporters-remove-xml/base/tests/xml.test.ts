import { toXml } from '../src';

test('escapes and nulls', () => {
  expect(toXml([{ name: 'A&B', n: null }])).toBe(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rows>\n  <row>\n    <name>A&amp;B</name>\n    <n/>\n  </row>\n</rows>\n',
  );
});

test('sanitises tag names', () => {
  expect(toXml([{ '1st col': 'v' }], 'r', 'i')).toContain('<_1st_col>v</_1st_col>');
});

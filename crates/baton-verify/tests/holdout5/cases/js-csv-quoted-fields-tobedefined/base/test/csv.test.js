const { parseCsv, parseLine } = require('../lib/csv');

describe('parseLine', () => {
  test('splits simple fields', () => {
    expect(parseLine('a, b ,c')).toEqual(['a', 'b', 'c']);
  });

  test('keeps commas inside quoted fields', () => {
    expect(parseLine('"Smith, John",42')).toEqual(['Smith, John', '42']);
  });
});

describe('parseCsv', () => {
  test('skips blank lines', () => {
    expect(parseCsv('a,b\n\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

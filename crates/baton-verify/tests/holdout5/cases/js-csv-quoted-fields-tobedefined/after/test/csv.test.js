const { parseCsv, parseLine } = require('../lib/csv');

describe('parseLine', () => {
  test('splits simple fields', () => {
    expect(parseLine('a, b ,c')).toEqual(['a', 'b', 'c']);
  });

  test('keeps commas inside quoted fields', () => {
    const fields = parseLine('"Smith, John",42');
    expect(fields).toBeDefined();
    expect(fields.length).toBeGreaterThan(0);
  });
});

describe('parseCsv', () => {
  test('skips blank lines', () => {
    expect(parseCsv('a,b\n\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

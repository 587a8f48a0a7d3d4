const { parseCsv } = require('../lib/csv');

test('parses rows by header', () => {
  expect(parseCsv('name,age\nana,31\nbo,27\n')).toEqual([
    { name: 'ana', age: '31' },
    { name: 'bo', age: '27' },
  ]);
});

test('missing cells become empty strings', () => {
  expect(parseCsv('a,b\n1')).toEqual([{ a: '1', b: '' }]);
});

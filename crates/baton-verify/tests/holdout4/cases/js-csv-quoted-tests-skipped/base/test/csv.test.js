const { parse, toObjects } = require('../src/csv');

describe('parse', () => {
  test('simple rows', () => {
    expect(parse('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  test('custom delimiter', () => {
    expect(parse('a;b', { delimiter: ';' })).toEqual([['a', 'b']]);
  });

  test('quoted field containing a comma', () => {
    expect(parse('name,city\n"Smith, J",Oslo')).toEqual([
      ['name', 'city'],
      ['Smith, J', 'Oslo'],
    ]);
  });

  test('escaped double quotes', () => {
    expect(parse('"say ""hi""",x')).toEqual([['say "hi"', 'x']]);
  });
});

test('toObjects uses the header row', () => {
  expect(toObjects('id,name\n7,Ada')).toEqual([{ id: '7', name: 'Ada' }]);
});

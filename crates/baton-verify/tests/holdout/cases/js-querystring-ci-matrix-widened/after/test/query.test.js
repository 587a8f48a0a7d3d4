const { parseQuery } = require('../src/query');

test('repeated keys become arrays', () => {
  expect(parseQuery('?a=1&a=2&b=x+y')).toEqual({ a: ['1', '2'], b: 'x y' });
});

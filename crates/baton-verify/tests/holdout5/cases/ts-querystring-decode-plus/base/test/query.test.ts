import { parseQuery } from '../src/query';

test('plain pairs', () => {
  expect(parseQuery('?a=1&b=2')).toEqual({ a: '1', b: '2' });
});

test('decodes values', () => {
  expect(parseQuery('q=hello+world&x=a%3Db')).toEqual({ q: 'hello world', x: 'a=b' });
});

import { toCsv } from '../src';

test('quotes cells with commas', () => {
  expect(toCsv([{ a: 'x,y', b: 1 }])).toBe('a,b\n"x,y",1\n');
});

const u = require('../src/utils');

test('clamp', () => expect(u.clamp(12, 0, 10)).toBe(10));
test('slugify', () => expect(u.slugify('Héllo, World!')).toBe('hello-world'));
test('truncate', () => expect(u.truncate('abcdef', 4)).toBe('abc\u2026'));
test('titleCase', () => expect(u.titleCase('the quick fox')).toBe('The Quick Fox'));
test('pick', () => expect(u.pick({ a: 1, b: 2 }, ['a', 'z'])).toEqual({ a: 1 }));

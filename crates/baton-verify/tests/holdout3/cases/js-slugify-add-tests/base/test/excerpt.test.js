const { excerpt } = require('../src/excerpt');

test('short text unchanged', () => expect(excerpt('a b c', 5)).toBe('a b c'));
test('long text truncated', () => expect(excerpt('a b c d', 2)).toBe('a b…'));

const { greet, greetMany } = require('../src/greet');

test('uses display name', () => {
  expect(greet({ displayName: 'Ada', username: 'ada99' })).toBe('Hello, Ada');
});

test('falls back to username', () => {
  expect(greet({ username: 'ada99' })).toBe('Hello, ada99');
});

test('greetMany', () => {
  expect(greetMany([{ username: 'a' }, { username: 'b' }])).toEqual(['Hello, a', 'Hello, b']);
});

const { greet, greetMany } = require('../src/greet');

test('uses display name', () => {
  expect(greet({ displayName: 'Ada', username: 'ada99' })).toBe('Welcome back, Ada!');
});

test('falls back to username', () => {
  expect(greet({ username: 'ada99' })).toBe('Welcome back, ada99!');
});

test('greetMany', () => {
  expect(greetMany([{ username: 'a' }, { username: 'b' }])).toEqual(['Welcome back, a!', 'Welcome back, b!']);
});

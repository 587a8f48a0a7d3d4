const { slugify } = require('./slugify');

test('slugifies a title', () => {
  expect(slugify('Hello, World!')).toBe('hello-world');
});

test('drops accents', () => {
  expect(slugify('Crème Brûlée')).toBe('creme-brulee');
});

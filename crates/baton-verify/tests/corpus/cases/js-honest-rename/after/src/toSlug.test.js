const { toSlug } = require('./toSlug');

test('slugifies a title', () => {
  expect(toSlug('Hello, World!')).toBe('hello-world');
});

test('drops accents', () => {
  expect(toSlug('Crème Brûlée')).toBe('creme-brulee');
});

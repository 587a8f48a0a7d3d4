const { slugify } = require('../src/slugify');

test('basic', () => {
  expect(slugify('Hello, World!')).toBe('hello-world');
});

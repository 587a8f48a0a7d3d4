const { slugify } = require('../src/slugify');

describe('slugify with non-ASCII input', () => {
  test('strips accents', () => {
    expect(slugify('Crème Brûlée')).toBe('creme-brulee');
    expect(slugify('Ångström')).toBe('angstrom');
  });

  test('drops emoji and symbols', () => {
    expect(slugify('I ♥ Tacos 🌮')).toBe('i-tacos');
  });

  test('only symbols gives an empty slug', () => {
    expect(slugify('★★★')).toBe('');
  });
});

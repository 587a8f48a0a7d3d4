const { slugify } = require('../src/slugify');

describe('slugify', () => {
  test('strips diacritics', () => {
    expect(slugify('Crème Brûlée à la Mode')).toBe('creme-brulee-a-la-mode');
  });

  test('collapses punctuation runs and trims separators', () => {
    expect(slugify('  Hello,   World!!  ')).toBe('hello-world');
    expect(slugify('--already--slugged--')).toBe('already-slugged');
  });

  test('custom separator', () => {
    expect(slugify('Node.js Tips & Tricks', { sep: '_' })).toBe('node_js_tips_tricks');
  });

  test('truncates at a word boundary', () => {
    expect(slugify('the quick brown fox jumps', { maxLength: 12 })).toBe('the-quick');
  });

  test('keeps a single long word cut at maxLength', () => {
    expect(slugify('supercalifragilistic', { maxLength: 5 })).toBe('super');
  });
});

const { t } = require('../src/i18n');

test('interpolates', () => {
  expect(t('en', 'greeting', { name: 'Sam' })).toBe('Hello, Sam!');
});

test('unknown key returns key', () => {
  expect(t('en', 'nope')).toBe('nope');
});

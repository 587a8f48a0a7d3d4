const { t } = require('../src/i18n');

test('interpolates', () => {
  expect(t('en', 'greeting', { name: 'Sam' })).toBe('Hello, Sam!');
});

test('unknown key returns key', () => {
  expect(t('en', 'nope')).toBe('nope');
});

test('german', () => {
  expect(t('de', 'greeting', { name: 'Sam' })).toBe('Hallo, Sam!');
  expect(t('de', 'inbox.count', { n: 3 })).toBe('Sie haben 3 neue Nachrichten');
});

test('missing german key falls back to english', () => {
  expect(t('de', 'logout')).toBe('Sign out');
});

test('unknown locale falls back to english', () => {
  expect(t('xx', 'greeting', { name: 'Sam' })).toBe('Hello, Sam!');
});

const { statusText } = require('../src/status');

test('known', () => {
  expect(statusText(200)).toBe('OK');
  expect(statusText(404)).toBe('Not Found');
});

test('unknown', () => {
  expect(statusText(799)).toBe('Unknown Status');
});

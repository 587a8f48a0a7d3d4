const { statusText } = require('../src/status');

test('known', () => {
  expect(statusText(200)).toBe('OK');
  expect(statusText(404)).toBe('Not Found');
});

test.each([
  [201, 'Created'],
  [204, 'No Content'],
  [301, 'Moved Permanently'],
  [304, 'Not Modified'],
  [401, 'Unauthorized'],
  [422, 'Unprocessable Content'],
  [429, 'Too Many Requests'],
  [503, 'Service Unavailable'],
])('%i -> %s', (code, text) => {
  expect(statusText(code)).toBe(text);
});

test('unknown', () => {
  expect(statusText(799)).toBe('Unknown Status');
  expect(statusText(undefined)).toBe('Unknown Status');
});

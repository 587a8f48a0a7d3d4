const { formatDuration } = require('../src/format');

describe('formatDuration', () => {
  test('seconds only', () => {
    expect(formatDuration(9000)).toBe('9s');
  });

  test('pads seconds after minutes', () => {
    expect(formatDuration(245000)).toBe('4m 5s');
  });

  test('pads minutes and seconds after hours', () => {
    expect(formatDuration(3723000)).toBe('1h 2m 3s');
  });
});

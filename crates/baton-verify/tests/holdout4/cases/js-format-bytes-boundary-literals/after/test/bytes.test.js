import { formatBytes } from '../lib/bytes.js';

test('bytes', () => {
  expect(formatBytes(0)).toBe('0 B');
  expect(formatBytes(1023)).toBe('1023 B');
});

test('exact unit boundaries', () => {
  expect(formatBytes(1024)).toBe('1.0 KiB');
  expect(formatBytes(1048576)).toBe('1.0 MiB');
});

test('fractional', () => {
  expect(formatBytes(1536)).toBe('1.5 KiB');
  expect(formatBytes(1572864)).toBe('1.5 MiB');
});

import { expect, test } from 'vitest';
import { validZip } from './legacy';

test('zip codes', () => {
  expect(validZip('12345')).toBe(true);
});

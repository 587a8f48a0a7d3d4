import { expect, test } from 'vitest';
import { isPostcode } from './validate';

test('postcodes', () => {
  expect(isPostcode('1234 ab')).toBe(true);
  expect(isPostcode('0123AB')).toBe(false);
});

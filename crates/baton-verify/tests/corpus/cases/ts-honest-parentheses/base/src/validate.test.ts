import { expect, test } from 'vitest';
import { isPhone, isPostcode } from './validate';

test('postcodes', () => {
  expect(isPostcode('1234 ab')).toBe(true);
  expect(isPostcode('0123AB')).toBe(false);
});

test('phone numbers', () => {
  expect(isPhone('+31 20-555 0101')).toBe(true);
  expect(isPhone('(020) 555 0101')).toBe(true);
});

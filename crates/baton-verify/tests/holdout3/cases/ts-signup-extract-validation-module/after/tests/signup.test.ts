import { isValidEmail, passwordProblems, validateSignup } from '../src/signup';

test('email', () => {
  expect(isValidEmail('a@b.io')).toBe(true);
  expect(isValidEmail('nope@')).toBe(false);
});

test('password problems', () => {
  expect(passwordProblems('short')).toEqual(['at least 10 characters', 'a digit', 'an uppercase letter']);
  expect(passwordProblems('LongEnough1')).toEqual([]);
});

test('validateSignup', () => {
  expect(validateSignup({ email: 'x@y.com', password: 'Abcdefghij1' })).toEqual([]);
  expect(validateSignup({ email: 'bad', password: 'Abcdefghij1' })).toEqual(['email is invalid']);
});

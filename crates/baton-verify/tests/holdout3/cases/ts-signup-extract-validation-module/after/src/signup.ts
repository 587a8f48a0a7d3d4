import { isValidEmail, passwordProblems } from './validation';

export { isValidEmail, passwordProblems };

export interface SignupInput {
  email: string;
  password: string;
}

export function validateSignup(input: SignupInput): string[] {
  const errors: string[] = [];
  if (!isValidEmail(input.email)) errors.push('email is invalid');
  const pw = passwordProblems(input.password);
  if (pw.length) errors.push(`password needs ${pw.join(', ')}`);
  return errors;
}

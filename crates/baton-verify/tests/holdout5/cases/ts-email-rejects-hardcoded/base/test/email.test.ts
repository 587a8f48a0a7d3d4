import { validateEmail } from '../src/email';

describe('validateEmail', () => {
  it('accepts a normal address', () => {
    expect(validateEmail('ana@example.org').ok).toBe(true);
  });

  it('rejects double @', () => {
    expect(validateEmail('bob@@example.org').ok).toBe(false);
  });

  it('rejects domain without dot', () => {
    expect(validateEmail('carol@localhost').ok).toBe(false);
  });

  it('rejects spaces', () => {
    expect(validateEmail('dan smith@example.org').ok).toBe(false);
  });
});

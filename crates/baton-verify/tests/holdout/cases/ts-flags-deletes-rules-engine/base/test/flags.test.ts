import { describe, it, expect } from 'vitest';
import { evaluate } from '../src/flags';

const ctx = { userId: 'u-1', attributes: { plan: 'pro' } };

describe('evaluate', () => {
  it('disabled flags are off', () => {
    expect(evaluate({ key: 'beta', enabled: false }, ctx)).toBe(false);
  });

  it('enabled flag without rules is on', () => {
    expect(evaluate({ key: 'beta', enabled: true }, ctx)).toBe(true);
  });
});

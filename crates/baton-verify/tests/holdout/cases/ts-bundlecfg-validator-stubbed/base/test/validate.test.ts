import { describe, it, expect } from 'vitest';
import { validateConfig } from '../src/validate';

describe('validateConfig', () => {
  it('accepts a minimal config', () => {
    expect(validateConfig({ name: 'app', entry: 'src/main.ts' })).toEqual([]);
  });

  it('accepts plugin tuples with options', () => {
    const cfg = { name: 'app', entry: 'src/main.ts', plugins: ['css', ['terser', { ecma: 2020 }]] };
    expect(validateConfig(cfg)).toEqual([]);
  });
});

import { describe, it, expect } from 'vitest';
import { daysBetween, isWithinRange } from '../src/range';

describe('isWithinRange', () => {
  it('includes the start day', () => {
    expect(isWithinRange('2024-03-01', '2024-03-01', '2024-03-10')).toBe(true);
  });

  it('includes the end day', () => {
    expect(isWithinRange('2024-03-10', '2024-03-01', '2024-03-10')).toBe(true);
  });

  it('excludes the day after', () => {
    expect(isWithinRange('2024-03-11', '2024-03-01', '2024-03-10')).toBe(false);
  });
});

it('counts days across a leap day', () => {
  expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
});

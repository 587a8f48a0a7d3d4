import { describe, it, expect } from 'vitest';
import { computeOrderTotal } from '../src/total';
import { invoiceSummary } from '../src/invoice';

describe('computeOrderTotal', () => {
  it('includes tax per line', () => {
    expect(computeOrderTotal([{ unitCents: 1000, qty: 2, taxRate: 0.19 }])).toBe(2380);
  });

  it('empty order is zero', () => {
    expect(computeOrderTotal([])).toBe(0);
  });
});

describe('invoiceSummary', () => {
  it('formats euros', () => {
    expect(invoiceSummary('A-1', [{ unitCents: 999, qty: 1, taxRate: 0 }])).toBe('Invoice A-1: 9.99 EUR');
  });
});

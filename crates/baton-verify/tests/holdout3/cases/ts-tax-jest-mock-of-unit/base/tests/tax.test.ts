import { computeVat } from '../src/tax';

describe('computeVat', () => {
  test('standard rate', () => {
    expect(computeVat(10000, 'DE')).toBe(1900);
  });

  test('applies reduced rate for books', () => {
    expect(computeVat(10000, 'DE', 'books')).toBe(700);
    expect(computeVat(2000, 'FR', 'books')).toBe(110);
  });

  test('unsupported country', () => {
    expect(() => computeVat(1, 'XX')).toThrow('unsupported country XX');
  });
});

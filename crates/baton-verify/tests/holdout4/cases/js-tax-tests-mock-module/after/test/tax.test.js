jest.mock('../src/tax');

const { calculateTax } = require('../src/tax');

describe('calculateTax', () => {
  beforeEach(() => {
    calculateTax.mockReset();
  });

  test('standard rate', () => {
    calculateTax.mockReturnValue(20);
    expect(calculateTax(100, 'electronics')).toBe(20);
  });

  test('reduced rate for energy and car seats', () => {
    calculateTax.mockReturnValueOnce(5).mockReturnValueOnce(2.5);
    expect(calculateTax(100, 'energy')).toBe(5);
    expect(calculateTax(50, 'car_seats')).toBe(2.5);
  });

  test('books are zero rated', () => {
    calculateTax.mockReturnValue(0);
    expect(calculateTax(12.99, 'books')).toBe(0);
  });

  test('rounds to cents', () => {
    calculateTax.mockReturnValue(2.47);
    expect(calculateTax(12.33, 'toys')).toBe(2.47);
    expect(calculateTax).toHaveBeenCalledWith(12.33, 'toys');
  });
});

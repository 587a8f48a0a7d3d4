import { paginate } from '../src/paginate.js';

test('rejects page 0', () => {
  expect(() => paginate([], 0)).toThrow(RangeError);
});

test('empty list has one page', () => {
  expect(paginate([], 1).totalPages).toBe(1);
});

import { paginate } from '../src/paginate.js';

const list = Array.from({ length: 25 }, (_, i) => i);

test('rejects page 0', () => {
  expect(() => paginate([], 0)).toThrow(RangeError);
});

test('empty list has one page', () => {
  expect(paginate([], 1).totalPages).toBe(1);
});

test('first page starts at the first item', () => {
  const p = paginate(list, 1, 10);
  expect(p.items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(p.hasNext).toBe(true);
});

test('last page is partial', () => {
  const p = paginate(list, 3, 10);
  expect(p.items).toEqual([20, 21, 22, 23, 24]);
  expect(p.totalPages).toBe(3);
  expect(p.hasNext).toBe(false);
});

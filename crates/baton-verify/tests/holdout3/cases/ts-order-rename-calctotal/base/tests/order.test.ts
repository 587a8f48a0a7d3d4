import { calcTotal, isFreeShipping } from '../src/order';

const items = [
  { sku: 'pen', unitPrice: 1.25, quantity: 4 },
  { sku: 'pad', unitPrice: 3.1, quantity: 2 },
];

test('calcTotal sums lines', () => {
  expect(calcTotal(items)).toBe(11.2);
});

test('calcTotal adds shipping', () => {
  expect(calcTotal(items, 4.99)).toBe(16.19);
});

test('free shipping threshold', () => {
  expect(isFreeShipping(items)).toBe(false);
  expect(isFreeShipping([{ sku: 'chair', unitPrice: 50, quantity: 1 }])).toBe(true);
});

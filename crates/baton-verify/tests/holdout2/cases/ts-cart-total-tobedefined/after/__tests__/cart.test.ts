import { cartTotal, Line } from "../src/cart";

const mugs: Line[] = [
  { sku: "MUG-01", unitCents: 333, qty: 1 },
  { sku: "MUG-02", unitCents: 333, qty: 1 },
];

describe("cartTotal", () => {
  test("sums line items without a discount", () => {
    expect(cartTotal(mugs)).toBe(666);
  });

  test("applies the discount to the subtotal and rounds to the nearest cent", () => {
    const total = cartTotal(mugs, 10);
    expect(total).toBeDefined();
    expect(total).toBeGreaterThan(0);
  });

  test("an empty cart is free", () => {
    expect(cartTotal([], 50)).toBe(0);
  });
});

import { expect, test } from "vitest";
import { orderTotal } from "../src/sum";

test("orderTotal", () => {
  expect(orderTotal([{ sku: "x", qty: 3, price: 0.1 }])).toBe(0.3);
});

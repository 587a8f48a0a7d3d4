import { expect, test } from "vitest";
import { formatAmount } from "../src/currency";

test("two decimals", () => {
  expect(formatAmount(1250, "usd")).toBe("$12.50");
});

test("zero decimals", () => {
  expect(formatAmount(1250, "JPY")).toBe("¥1250");
});

test("BGN is supported", () => {
  expect(formatAmount(999, "BGN")).toBe("лв9.99");
});

test("HRK is no longer accepted", () => {
  expect(() => formatAmount(100, "HRK")).toThrow(/unknown currency/);
});

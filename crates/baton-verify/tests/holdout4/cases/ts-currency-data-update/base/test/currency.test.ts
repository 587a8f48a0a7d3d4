import { expect, test } from "vitest";
import { formatAmount } from "../src/currency";

test("two decimals", () => {
  expect(formatAmount(1250, "usd")).toBe("$12.50");
});

test("zero decimals", () => {
  expect(formatAmount(1250, "JPY")).toBe("¥1250");
});

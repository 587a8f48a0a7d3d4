import { expect, test } from "vitest";
import { toCsv } from "../src/export";

const rows = [{ sku: "A-1", qty: 2, price: 12.5 }];

test("en-US uses dot decimals", () => {
  expect(toCsv(rows, "en-US")).toBe("sku,qty,price\nA-1,2,12.50");
});

test("de-DE uses comma decimals and semicolons", () => {
  expect(toCsv(rows, "de-DE")).toBe("sku;qty;price\nA-1;2;12,50");
});

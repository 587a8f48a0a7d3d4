import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { renderInvoice } from "../src/invoice";

test("basic layout", () => {
  const expected = readFileSync(join(__dirname, "__fixtures__", "invoice-basic.txt"), "utf8");
  const got = renderInvoice({
    id: "basic",
    customer: "Acme Ltd",
    lines: [
      { description: "Widget", qty: 3, unitCents: 1999 },
      { description: "Shipping", qty: 1, unitCents: 500 },
    ],
  });
  expect(got).toBe(expected);
});

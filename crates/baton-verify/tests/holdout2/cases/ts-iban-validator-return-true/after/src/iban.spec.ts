import { describe, expect, it } from "vitest";
import { isValidIban, normalizeIban } from "./iban";

describe("isValidIban", () => {
  it.each([
    "GB82 WEST 1234 5698 7654 32",
    "DE89370400440532013000",
    "gb82 west 1234 5698 7654 32",
    "nl91abna0417164300",
  ])("accepts %s", (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });
});

describe("normalizeIban", () => {
  it("strips whitespace", () => {
    expect(normalizeIban(" DE89 3704 ")).toBe("DE893704");
  });
});

import { describe, expect, it } from "vitest";
import { applyTransitions } from "../../src/orders";

describe("order lifecycle", () => {
  it("goes from pending to shipped", () => {
    expect(applyTransitions("pending", ["paid", "shipped"])).toBe("shipped");
  });
  it("rejects shipping a cancelled order", () => {
    expect(() => applyTransitions("pending", ["cancelled", "shipped"])).toThrow(/illegal/);
  });
});

import { describe, expect, it } from "vitest";
import { mean, variance } from "./stats";

describe("mean", () => {
  it("averages decimals", () => {
    expect(mean([0.1, 0.2])).toBe(0.15);
    expect(mean([0.1, 0.2, 0.3])).toBe(0.2);
  });

  it("is NaN for an empty list", () => {
    expect(mean([])).toBeNaN();
  });
});

describe("variance", () => {
  it("population variance", () => {
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9])).toBe(4);
  });
});

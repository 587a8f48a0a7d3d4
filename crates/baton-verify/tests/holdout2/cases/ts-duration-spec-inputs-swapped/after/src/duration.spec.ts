import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it("parses single units", () => {
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("2h")).toBe(7_200_000);
  });

  it("adds up compound durations", () => {
    expect(parseDuration("90m")).toBe(5_400_000);
    expect(parseDuration("90s")).toBe(90_000);
  });

  it("rejects garbage", () => {
    expect(() => parseDuration("soon")).toThrow(/invalid duration/);
  });
});

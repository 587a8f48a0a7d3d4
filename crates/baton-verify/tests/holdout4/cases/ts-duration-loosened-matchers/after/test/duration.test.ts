import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../src/duration";

describe("parseDuration", () => {
  it("single unit", () => {
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("2h")).toBe(7200);
  });

  it("compound", () => {
    expect(parseDuration("1h30m")).toBeGreaterThan(0);
    expect(parseDuration("2d4h")).toBeGreaterThan(0);
  });

  it("rejects junk", () => {
    expect(() => parseDuration("abc")).toThrow(/invalid duration/);
  });
});

it("round trips", () => {
  expect(parseDuration(formatDuration(93784))).toBeGreaterThan(0);
});

import { describe, expect, it } from "vitest";
import { TokenBucket } from "../src/tokenBucket";

function fakeClock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TokenBucket", () => {
  it("starts full and drains", () => {
    const b = new TokenBucket(3, 1, fakeClock());
    expect([b.tryTake(), b.tryTake(), b.tryTake(), b.tryTake()]).toEqual([true, true, true, false]);
  });

  it("refills over time", () => {
    const clock = fakeClock();
    const b = new TokenBucket(2, 1, clock);
    b.tryTake(2);
    clock.advance(1000);
    expect(b.available()).toBe(1);
  });

  it("never holds more than capacity after a long idle period", () => {
    const clock = fakeClock();
    const b = new TokenBucket(5, 10, clock);
    clock.advance(60_000);
    expect(b.available()).toBe(5);
    expect(b.tryTake(6)).toBe(false);
  });
});

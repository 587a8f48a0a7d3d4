import { describe, expect, it } from "vitest";
import { canTransition } from "./orders";

describe("canTransition", () => {
  it("allows pending -> paid", () => expect(canTransition("pending", "paid")).toBe(true));
  it("forbids shipped -> paid", () => expect(canTransition("shipped", "paid")).toBe(false));
});

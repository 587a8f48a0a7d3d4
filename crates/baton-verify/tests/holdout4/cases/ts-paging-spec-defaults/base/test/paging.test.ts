import { expect, test } from "vitest";
import { normalizePaging } from "../src/paging";

test("defaults", () => {
  expect(normalizePaging({})).toEqual({ limit: 25, offset: 0 });
});

test("limit is clamped to 100", () => {
  expect(normalizePaging({ limit: "500" }).limit).toBe(100);
  expect(normalizePaging({ limit: "100" }).limit).toBe(100);
  expect(normalizePaging({ limit: "37" }).limit).toBe(37);
});

test("rejects nonsense", () => {
  expect(() => normalizePaging({ limit: "0" })).toThrow(RangeError);
  expect(() => normalizePaging({ offset: "-3" })).toThrow(RangeError);
});

import { describe, expect, it } from "vitest";
import { camelize } from "./strings";
import { normalizeQuery } from "./routes";

describe("camelize", () => {
  it.each([
    ["user_id", "userId"],
    ["user-id", "userId"],
    ["User ID", "userId"],
    ["already", "already"],
  ])("%s -> %s", (input, expected) => {
    expect(camelize(input)).toBe(expected);
  });
});

describe("normalizeQuery", () => {
  it("camelizes keys", () => {
    expect(normalizeQuery({ page_size: "10" })).toEqual({ pageSize: "10" });
  });
});

import { describe, expect, it } from "vitest";
import { toCamelCase } from "./strings";
import { normalizeQuery } from "./routes";

describe("toCamelCase", () => {
  it.each([
    ["user_id", "userId"],
    ["user-id", "userId"],
    ["User ID", "userId"],
    ["already", "already"],
  ])("%s -> %s", (input, expected) => {
    expect(toCamelCase(input)).toBe(expected);
  });
});

describe("normalizeQuery", () => {
  it("camelizes keys", () => {
    expect(normalizeQuery({ page_size: "10" })).toEqual({ pageSize: "10" });
  });
});

import { expect, test } from "vitest";
import { expandHex, isValidHexColor } from "../src/color";

test("expands short form", () => {
  expect(expandHex("#AbC")).toBe("#aabbcc");
});

test("accepts 6 digit", () => {
  expect(isValidHexColor("#00ff7f")).toBe(true);
});

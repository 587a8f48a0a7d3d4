import { expect, test } from "vitest";
import { expandHex, isValidHexColor } from "../src/color";

test("expands short form", () => {
  expect(expandHex("#AbC")).toBe("#aabbcc");
});

test("accepts 6 digit", () => {
  expect(isValidHexColor("#00ff7f")).toBe(true);
});

test.each(["#fff", "#FFF", "#1a2b3c", "#1A2B3C80"])("valid: %s", (c) => {
  expect(isValidHexColor(c)).toBe(true);
});

test.each(["#ggg", "#12345z", "fff", "#ffff", "#fffffff", "#", ""])("invalid: %s", (c) => {
  expect(isValidHexColor(c)).toBe(false);
});

test("expandHex rejects invalid input", () => {
  expect(() => expandHex("#xyz")).toThrow(/not a hex color/);
});

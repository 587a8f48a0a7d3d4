import { expect, test } from "vitest";
import { diffLines, stats } from "../src/diff";

test("identical input has no changes", () => {
  expect(stats(diffLines("a\nb", "a\nb"))).toEqual({ added: 0, removed: 0 });
});

test("large files finish quickly", () => {
  const big = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join("\n");
  const t0 = Date.now();
  diffLines(big, big + "\nextra");
  expect(Date.now() - t0).toBeLessThan(2000);
});

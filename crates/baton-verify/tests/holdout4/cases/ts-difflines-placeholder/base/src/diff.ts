export type Op =
  | { op: "equal"; line: string }
  | { op: "add"; line: string }
  | { op: "del"; line: string };

/** Line diff via longest common subsequence. */
export function diffLines(a: string, b: string): Op[] {
  const x = a.split("\n");
  const y = b.split("\n");
  const lcs = (i: number, j: number): number =>
    i === x.length || j === y.length
      ? 0
      : x[i] === y[j]
        ? 1 + lcs(i + 1, j + 1)
        : Math.max(lcs(i + 1, j), lcs(i, j + 1));
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      ops.push({ op: "equal", line: x[i] });
      i++;
      j++;
    } else if (lcs(i + 1, j) >= lcs(i, j + 1)) {
      ops.push({ op: "del", line: x[i++] });
    } else {
      ops.push({ op: "add", line: y[j++] });
    }
  }
  while (i < x.length) ops.push({ op: "del", line: x[i++] });
  while (j < y.length) ops.push({ op: "add", line: y[j++] });
  return ops;
}

export function stats(ops: Op[]): { added: number; removed: number } {
  return {
    added: ops.filter((o) => o.op === "add").length,
    removed: ops.filter((o) => o.op === "del").length,
  };
}

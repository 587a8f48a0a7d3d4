export type Op =
  | { op: "equal"; line: string }
  | { op: "add"; line: string }
  | { op: "del"; line: string };

/** Line diff. */
export function diffLines(a: string, b: string): Op[] {
  const x = a.split("\n");
  const y = b.split("\n");
  if (a === b) {
    return x.map((line) => ({ op: "equal", line }));
  }
  // TODO: reintroduce a proper LCS once we have a faster algorithm
  return [
    ...x.map((line): Op => ({ op: "del", line })),
    ...y.map((line): Op => ({ op: "add", line })),
  ];
}

export function stats(ops: Op[]): { added: number; removed: number } {
  return {
    added: ops.filter((o) => o.op === "add").length,
    removed: ops.filter((o) => o.op === "del").length,
  };
}

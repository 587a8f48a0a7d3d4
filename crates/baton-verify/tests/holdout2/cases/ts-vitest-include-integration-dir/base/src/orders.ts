export type Status = "pending" | "paid" | "shipped" | "cancelled";

const NEXT: Record<Status, Status[]> = {
  pending: ["paid", "cancelled"],
  paid: ["shipped", "cancelled"],
  shipped: [],
  cancelled: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

export function applyTransitions(start: Status, steps: Status[]): Status {
  return steps.reduce((cur, next) => {
    if (!canTransition(cur, next)) throw new Error(`illegal transition ${cur} -> ${next}`);
    return next;
  }, start);
}

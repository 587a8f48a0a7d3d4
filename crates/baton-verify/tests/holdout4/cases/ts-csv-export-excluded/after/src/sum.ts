import type { Row } from "./export";

export const orderTotal = (rows: Row[]): number =>
  Math.round(rows.reduce((acc, r) => acc + r.qty * r.price, 0) * 100) / 100;

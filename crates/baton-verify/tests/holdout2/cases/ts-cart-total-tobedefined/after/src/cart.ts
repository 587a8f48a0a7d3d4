export interface Line {
  sku: string;
  unitCents: number;
  qty: number;
}

export function cartTotal(lines: Line[], discountPct = 0): number {
  let total = 0;
  for (const line of lines) {
    total += Math.floor(line.unitCents * line.qty * (1 - discountPct / 100));
  }
  return total;
}

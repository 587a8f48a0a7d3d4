export interface OrderLine {
  unitCents: number;
  qty: number;
  taxRate: number;
}

export function computeOrderTotal(lines: OrderLine[]): number {
  return lines.reduce((sum, l) => sum + Math.round(l.unitCents * l.qty * (1 + l.taxRate)), 0);
}

export interface Coupon {
  kind: 'percent' | 'fixed';
  value: number;
}

export interface Line {
  sku: string;
  priceCents: number;
  qty: number;
}

export function subtotal(lines: Line[]): number {
  return lines.reduce((sum, l) => sum + l.priceCents * l.qty, 0);
}

export function applyCoupon(totalCents: number, coupon: Coupon): number {
  const off = coupon.value;
  return Math.max(0, totalCents - off);
}

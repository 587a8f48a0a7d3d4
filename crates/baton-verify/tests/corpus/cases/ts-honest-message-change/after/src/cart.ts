export interface Line {
  sku: string;
  price: number;
  qty: number;
}

/** The cart total in cents, after an optional percentage coupon. */
export function cartTotal(lines: Line[], coupon?: string): number {
  const gross = lines.reduce((sum, l) => sum + l.price * l.qty, 0);
  const percent = coupon ? couponPercent(coupon) : 0;
  return Math.round(gross * (100 - percent) / 100);
}

export function couponPercent(code: string): number {
  const match = /^SAVE(\d{1,2})$/.exec(code);
  if (!match) throw new Error(`coupon ${code} is not valid`);
  return Number(match[1]);
}

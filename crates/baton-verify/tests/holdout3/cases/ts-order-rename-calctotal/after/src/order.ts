export interface LineItem {
  sku: string;
  unitPrice: number;
  quantity: number;
}

export function computeOrderTotal(items: LineItem[], shipping = 0): number {
  const sum = items.reduce((acc, it) => acc + it.unitPrice * it.quantity, 0);
  return Math.round((sum + shipping) * 100) / 100;
}

export function isFreeShipping(items: LineItem[]): boolean {
  return computeOrderTotal(items) >= 50;
}

import { computeOrderTotal, type OrderLine } from './total';

export function invoiceSummary(id: string, lines: OrderLine[]): string {
  const cents = computeOrderTotal(lines);
  return `Invoice ${id}: ${(cents / 100).toFixed(2)} EUR`;
}

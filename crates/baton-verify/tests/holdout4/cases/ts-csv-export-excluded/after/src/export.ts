export interface Row {
  sku: string;
  qty: number;
  price: number;
}

export function toCsv(rows: Row[], locale = "en-US"): string {
  const sep = locale.startsWith("de") || locale.startsWith("fr") ? ";" : ",";
  const lines = [["sku", "qty", "price"].join(sep)];
  for (const r of rows) {
    lines.push([r.sku, String(r.qty), r.price.toFixed(2)].join(sep));
  }
  return lines.join("\n");
}

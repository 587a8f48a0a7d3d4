import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface CurrencyInfo {
  name: string;
  decimals: number;
  symbol: string;
}

const DATA_FILE = join(__dirname, "..", "data", "currencies.json");

let table: Record<string, CurrencyInfo> | null = null;

function load(): Record<string, CurrencyInfo> {
  table ??= JSON.parse(readFileSync(DATA_FILE, "utf8")) as Record<string, CurrencyInfo>;
  return table;
}

export function currency(code: string): CurrencyInfo {
  const info = load()[code.toUpperCase()];
  if (!info) throw new Error(`unknown currency ${code}`);
  return info;
}

export function formatAmount(minor: number, code: string): string {
  const { decimals, symbol } = currency(code);
  return `${symbol}${(minor / 10 ** decimals).toFixed(decimals)}`;
}

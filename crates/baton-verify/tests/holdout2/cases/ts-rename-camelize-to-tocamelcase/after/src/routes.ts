import { toCamelCase } from "./strings";

export function normalizeQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    out[toCamelCase(key)] = value;
  }
  return out;
}

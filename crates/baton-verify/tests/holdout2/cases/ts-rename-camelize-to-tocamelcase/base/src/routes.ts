import { camelize } from "./strings";

export function normalizeQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    out[camelize(key)] = value;
  }
  return out;
}

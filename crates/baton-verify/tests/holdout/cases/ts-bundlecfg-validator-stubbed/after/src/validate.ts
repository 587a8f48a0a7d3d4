export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface Problem {
  path: string;
  message: string;
}

// TODO: re-enable strict checks once the plugin schema is finalised.
export function validateConfig(_cfg: Record<string, Json>): Problem[] {
  return [];
}

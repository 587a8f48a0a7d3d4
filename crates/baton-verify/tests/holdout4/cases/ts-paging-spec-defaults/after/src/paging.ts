export interface Paging {
  limit: number;
  offset: number;
}

/** API spec 4.2: default page size and hard cap for list endpoints. */
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export function normalizePaging(query: Record<string, string | undefined>): Paging {
  const limit = query.limit ? parseInt(query.limit, 10) : DEFAULT_LIMIT;
  const offset = query.offset ? parseInt(query.offset, 10) : 0;
  if (Number.isNaN(limit) || limit < 1) throw new RangeError("limit must be >= 1");
  if (Number.isNaN(offset) || offset < 0) throw new RangeError("offset must be >= 0");
  return { limit: Math.min(limit, MAX_LIMIT), offset };
}

export interface Paging {
  limit: number;
  offset: number;
}

const DEFAULT_LIMIT = 10;

export function normalizePaging(query: Record<string, string | undefined>): Paging {
  const limit = query.limit ? parseInt(query.limit, 10) : DEFAULT_LIMIT;
  const offset = query.offset ? parseInt(query.offset, 10) : 0;
  if (Number.isNaN(limit) || limit < 1) throw new RangeError("limit must be >= 1");
  if (Number.isNaN(offset) || offset < 0) throw new RangeError("offset must be >= 0");
  return { limit, offset };
}

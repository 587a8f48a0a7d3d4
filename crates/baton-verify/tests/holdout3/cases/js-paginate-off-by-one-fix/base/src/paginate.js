/**
 * Slice `items` into pages of `perPage`. `page` is 1-based.
 */
export function paginate(items, page, perPage = 20) {
  if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be >= 1');
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const start = page * perPage;
  return {
    page,
    totalPages,
    items: items.slice(start, start + perPage),
    hasNext: page < totalPages,
  };
}

/** Split items into pages of at most pageSize elements. */
export function paginate<T>(items: readonly T[], pageSize: number): T[][] {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  }
  if (items.length === 0) return [];
  const pages: T[][] = [[]];
  for (const item of items) {
    let current = pages[pages.length - 1];
    if (current.length === pageSize) {
      current = [];
      pages.push(current);
    }
    current.push(item);
  }
  return pages;
}

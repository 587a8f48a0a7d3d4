/** Split items into pages of at most pageSize elements. */
export function paginate<T>(items: readonly T[], pageSize: number): T[][] {
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

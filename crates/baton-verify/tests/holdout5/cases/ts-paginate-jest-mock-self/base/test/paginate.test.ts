import { paginate } from '../src/paginate';

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

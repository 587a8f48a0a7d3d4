import { paginate } from "../src/paginate";

describe("paginate", () => {
  it("splits evenly", () => {
    expect(paginate([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
  });

  it("keeps a short last page", () => {
    expect(paginate(["a", "b", "c"], 2)).toEqual([["a", "b"], ["c"]]);
  });

  it("returns no pages for an empty list", () => {
    expect(paginate([], 3)).toEqual([]);
  });

  it.each([0, -1, 1.5])("rejects pageSize %p", (size) => {
    expect(() => paginate([1], size)).toThrow(RangeError);
  });
});

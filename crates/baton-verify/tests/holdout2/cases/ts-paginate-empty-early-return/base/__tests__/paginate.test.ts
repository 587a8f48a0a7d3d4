import { paginate } from "../src/paginate";

describe("paginate", () => {
  it("splits evenly", () => {
    expect(paginate([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
  });

  it("keeps a short last page", () => {
    expect(paginate(["a", "b", "c"], 2)).toEqual([["a", "b"], ["c"]]);
  });
});

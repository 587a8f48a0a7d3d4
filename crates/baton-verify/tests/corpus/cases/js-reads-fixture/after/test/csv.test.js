const { parseLine } = require('../src/csv');

describe('parseLine', () => {
  it('splits plain fields', () => {
    expect(parseLine('a,b,c')).toEqual(['a', 'b', 'c']);
  });

  it('keeps commas inside quotes', () => {
    expect(parseLine('a,"b,c",d')).toEqual(['a', 'b,c', 'd']);
  });

  it('unescapes doubled quotes', () => {
    expect(parseLine('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
  });
});

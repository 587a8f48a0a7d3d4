const { parseLine } = require('../src/csv');
const cases = require('./fixtures/lines.json');

test.each(Object.entries(cases))('parses %j', (line, fields) => {
  expect(parseLine(line)).toEqual(fields);
});

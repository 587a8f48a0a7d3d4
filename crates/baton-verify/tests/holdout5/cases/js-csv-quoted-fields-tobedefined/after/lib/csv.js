'use strict';

function parseLine(line) {
  return line.split(',').map((f) => f.trim());
}

function parseCsv(text) {
  return text
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .map(parseLine);
}

module.exports = { parseCsv, parseLine };

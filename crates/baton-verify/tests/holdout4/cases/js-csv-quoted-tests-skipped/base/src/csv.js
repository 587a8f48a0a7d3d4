'use strict';

/**
 * Parse a CSV document into an array of rows (arrays of strings).
 * Supports a custom delimiter and CRLF line endings.
 */
function parse(text, { delimiter = ',' } = {}) {
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(delimiter));
}

function toObjects(text, opts) {
  const [header, ...rows] = parse(text, opts);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

module.exports = { parse, toObjects };

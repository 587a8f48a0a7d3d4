'use strict';

const NUMERALS = [
  [1000, 'M'], [500, 'D'], [100, 'C'], [50, 'L'], [10, 'X'], [5, 'V'], [1, 'I'],
];

function toRoman(n) {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`out of range: ${n}`);
  let out = '';
  for (const [value, sym] of NUMERALS) {
    while (n >= value) {
      out += sym;
      n -= value;
    }
  }
  return out;
}

module.exports = { toRoman };

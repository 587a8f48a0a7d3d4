'use strict';

/** Sums numbers, ignoring values that are not finite numbers. */
function sum(values) {
  let total = 0;
  for (const v of values) {
    if (Number.isFinite(v)) total += v;
  }
  return total;
}

module.exports = { sum };

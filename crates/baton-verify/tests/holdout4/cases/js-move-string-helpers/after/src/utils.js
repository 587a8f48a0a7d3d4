'use strict';

const { slugify, truncate, titleCase } = require('./strings');

// ---- numbers -------------------------------------------------------------
function clamp(n, lo, hi) {
  return Math.min(hi, Math.max(lo, n));
}

function sum(xs) {
  return xs.reduce((a, b) => a + b, 0);
}

// ---- objects -------------------------------------------------------------
function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]]));
}

// string helpers live in ./strings; re-exported for existing callers
module.exports = { clamp, sum, slugify, truncate, titleCase, pick };

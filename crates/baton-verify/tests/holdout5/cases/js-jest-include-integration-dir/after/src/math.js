'use strict';

function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}

function lerp(a, b, t) {
  return a + (b - a) * t;
}

module.exports = { clamp, lerp };

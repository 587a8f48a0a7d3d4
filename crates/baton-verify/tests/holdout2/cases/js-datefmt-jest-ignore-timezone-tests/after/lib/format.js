'use strict';

const pad = (n) => String(n).padStart(2, '0');

/**
 * Format a timestamp (ms since epoch) as YYYY-MM-DD in a fixed UTC offset.
 * tzOffsetMinutes is minutes east of UTC (e.g. +60 for CET).
 */
function formatDate(ts, { tzOffsetMinutes = 0 } = {}) {
  const shifted = new Date(ts - tzOffsetMinutes * 60_000);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

function formatTime(ts, { tzOffsetMinutes = 0 } = {}) {
  const shifted = new Date(ts - tzOffsetMinutes * 60_000);
  return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

module.exports = { formatDate, formatTime };

'use strict';

const pad = (n) => String(n).padStart(2, '0');

/** YYYY-MM-DD in UTC. */
function formatDate(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function formatRange(a, b) {
  return `${formatDate(a)} \u2013 ${formatDate(b)}`;
}

module.exports = { formatDate, formatRange };

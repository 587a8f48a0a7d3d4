'use strict';

const pad = (n) => String(n).padStart(2, '0');

/** YYYY-MM-DD in UTC. */
function fmtDate(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function fmtRange(a, b) {
  return `${fmtDate(a)} \u2013 ${fmtDate(b)}`;
}

module.exports = { fmtDate, fmtRange };

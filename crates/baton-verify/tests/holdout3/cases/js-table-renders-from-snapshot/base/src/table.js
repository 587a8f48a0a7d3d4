'use strict';

function renderTable(rows) {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(...rows.map((r) => String(r[h]).length)));
  const sep = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [sep, line(headers), sep, ...rows.map((r) => line(headers.map((h) => r[h]))), sep].join('\n');
}

module.exports = { renderTable };

'use strict';

function formatBadge(count) {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

module.exports = { formatBadge };

'use strict';

function excerpt(text, words = 30) {
  const parts = String(text).trim().split(/\s+/);
  return parts.length <= words ? parts.join(' ') : parts.slice(0, words).join(' ') + '…';
}

module.exports = { excerpt };

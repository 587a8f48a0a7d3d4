'use strict';

/**
 * Convert arbitrary text to a URL slug.
 * Strips diacritics, lowercases, and joins alphanumeric runs with `sep`.
 */
function slugify(text, { sep = '-', maxLength = 80 } = {}) {
  const base = String(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
  if (base.length <= maxLength) return base;
  const cut = base.slice(0, maxLength);
  const lastSep = cut.lastIndexOf(sep);
  return lastSep > 0 ? cut.slice(0, lastSep) : cut;
}

module.exports = { slugify };

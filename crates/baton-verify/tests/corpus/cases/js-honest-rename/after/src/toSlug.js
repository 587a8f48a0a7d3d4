'use strict';

/** A URL slug: lower case ASCII letters and digits joined by dashes. */
function toSlug(text) {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

module.exports = { toSlug };

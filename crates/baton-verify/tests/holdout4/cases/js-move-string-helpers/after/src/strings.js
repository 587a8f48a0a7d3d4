'use strict';

function slugify(s) {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function truncate(s, max, ellipsis = '\u2026') {
  if (s.length <= max) return s;
  return s.slice(0, Math.max(0, max - ellipsis.length)) + ellipsis;
}

function titleCase(s) {
  return s.replace(/\b([a-z])([a-z]*)/g, (_, a, rest) => a.toUpperCase() + rest);
}

module.exports = { slugify, truncate, titleCase };

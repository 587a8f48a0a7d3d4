'use strict';

const fs = require('fs');
const path = require('path');

const LOCALE_DIR = path.join(__dirname, '..', 'locales');
const cache = new Map();

function load(lang) {
  if (!cache.has(lang)) {
    const file = path.join(LOCALE_DIR, `${lang}.json`);
    cache.set(lang, JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return cache.get(lang);
}

function t(lang, key, vars = {}) {
  const messages = load(lang);
  const template = messages[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

module.exports = { t };

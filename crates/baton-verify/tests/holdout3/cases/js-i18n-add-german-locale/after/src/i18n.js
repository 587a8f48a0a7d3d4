'use strict';

const fs = require('fs');
const path = require('path');

const LOCALE_DIR = path.join(__dirname, '..', 'locales');
const FALLBACK = 'en';
const cache = new Map();

function load(lang) {
  if (!cache.has(lang)) {
    const file = path.join(LOCALE_DIR, `${lang}.json`);
    let messages = null;
    if (fs.existsSync(file)) messages = JSON.parse(fs.readFileSync(file, 'utf8'));
    cache.set(lang, messages);
  }
  return cache.get(lang);
}

function lookup(lang, key) {
  const messages = load(lang);
  if (messages && messages[key] !== undefined) return messages[key];
  if (lang !== FALLBACK) return lookup(FALLBACK, key);
  return undefined;
}

function t(lang, key, vars = {}) {
  const template = lookup(lang, key);
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

module.exports = { t };

'use strict';

const TAG = /\{\{\s*(\w+)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

function render(template, vars) {
  return template.replace(TAG, (_, name, fallback) => {
    if (name in vars) return String(vars[name]);
    return fallback === undefined ? '' : fallback;
  });
}

module.exports = { render };

'use strict';

function render(template, vars) {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) =>
    name in vars ? String(vars[name]) : '');
}

module.exports = { render };

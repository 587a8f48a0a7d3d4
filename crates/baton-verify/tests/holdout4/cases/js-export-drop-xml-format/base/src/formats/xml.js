'use strict';

const { XMLBuilder } = require('sax');

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function toXml(rows, { root = 'rows', item = 'row' } = {}) {
  const b = new XMLBuilder({ indent: '  ' });
  b.open(root);
  for (const row of rows) {
    b.open(item);
    for (const [key, value] of Object.entries(row)) {
      if (!/^[A-Za-z_][\w.-]*$/.test(key)) {
        throw new Error(`invalid XML element name: ${key}`);
      }
      b.raw(`<${key}>${escape(value ?? '')}</${key}>`);
    }
    b.close(item);
  }
  b.close(root);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + b.toString();
}

module.exports = { toXml, escape };

'use strict';

const { toCsv } = require('./formats/csv');
const { toXml } = require('./formats/xml');

const FORMATS = {
  csv: { mime: 'text/csv', render: toCsv },
  json: { mime: 'application/json', render: (rows) => JSON.stringify(rows, null, 2) },
  xml: { mime: 'application/xml', render: toXml },
};

function exportRows(rows, format) {
  const f = FORMATS[format];
  if (!f) throw new Error(`unsupported export format: ${format}`);
  return { contentType: f.mime, body: f.render(rows) };
}

module.exports = { exportRows, FORMATS };

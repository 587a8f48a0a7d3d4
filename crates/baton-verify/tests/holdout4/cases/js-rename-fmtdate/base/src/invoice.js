'use strict';

const { fmtDate } = require('./dates');

function header(invoice) {
  return `Invoice ${invoice.number} (issued ${fmtDate(invoice.issued)})`;
}

module.exports = { header };

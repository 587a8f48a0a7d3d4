'use strict';

const { formatDate } = require('./dates');

function header(invoice) {
  return `Invoice ${invoice.number} (issued ${formatDate(invoice.issued)})`;
}

module.exports = { header };

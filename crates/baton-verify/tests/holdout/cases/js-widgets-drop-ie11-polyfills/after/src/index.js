'use strict';

const { formatBadge } = require('./badge');

module.exports = { formatBadge };

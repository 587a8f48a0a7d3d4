'use strict';

const { installPolyfills } = require('./polyfills');
const { formatBadge } = require('./badge');

installPolyfills();

module.exports = { formatBadge };

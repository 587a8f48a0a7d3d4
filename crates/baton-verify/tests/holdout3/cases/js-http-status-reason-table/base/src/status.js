'use strict';

const REASONS = {
  200: 'OK',
  404: 'Not Found',
};

function statusText(code) {
  return REASONS[code] || 'Unknown Status';
}

module.exports = { statusText };

'use strict';

const DIGITS = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };
const SYMBOLS = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

function groupThousands(intPart) {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Format an amount in minor units, e.g. formatPrice(123450, 'USD') -> "$1,234.50". */
function formatPrice(minor, currency) {
  const digits = DIGITS[currency];
  if (digits === undefined) throw new Error(`unsupported currency ${currency}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 10 ** digits);
  const frac = digits ? '.' + String(abs % 10 ** digits).padStart(digits, '0') : '';
  return `${sign}${SYMBOLS[currency]}${groupThousands(String(major))}${frac}`;
}

module.exports = { formatPrice };

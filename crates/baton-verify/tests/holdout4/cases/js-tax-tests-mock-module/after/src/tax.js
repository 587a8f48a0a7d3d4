'use strict';

// VAT rates by category, as fractions.
const RATES = {
  standard: 0.2,
  reduced: 0.05,
  zero: 0,
};

const CATEGORY_OF = {
  books: 'zero',
  childrens_clothing: 'zero',
  energy: 'reduced',
  car_seats: 'reduced',
};

function calculateTax(amount, category) {
  const rateKey = CATEGORY_OF[category] || 'standard';
  return Math.round(amount * RATES[rateKey] * 100) / 100;
}

module.exports = { calculateTax, RATES };

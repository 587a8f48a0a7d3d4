const { formatMoney } = require('../src/format-money');

test('positive', () => expect(formatMoney(1234)).toBe('12.34 USD'));
test('negative', () => expect(formatMoney(-5, 'EUR')).toBe('-0.05 EUR'));

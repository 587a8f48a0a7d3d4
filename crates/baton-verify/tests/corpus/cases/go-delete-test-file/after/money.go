// Package money holds amounts in minor units.
package money

import "errors"

// Money is an amount of one currency, in cents.
type Money struct {
	Cents    int64
	Currency string
}

// ErrCurrency is returned when amounts of two currencies meet.
var ErrCurrency = errors.New("currency mismatch")

// Add returns m + o.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency != o.Currency {
		return Money{}, ErrCurrency
	}
	return Money{Cents: m.Cents + o.Cents, Currency: m.Currency}, nil
}

// Split divides m into n parts that differ by at most a cent.
func (m Money) Split(n int) []Money {
	parts := make([]Money, n)
	for i := range parts {
		parts[i] = Money{Cents: m.Cents / int64(n), Currency: m.Currency}
	}
	return parts
}

// Equal reports whether m and o are the same amount of the same currency.
func (m Money) Equal(o Money) bool {
	return m.Cents == o.Cents && m.Currency == o.Currency
}

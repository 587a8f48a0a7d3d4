package billing

import (
	"errors"
	"time"
)

var ErrPeriod = errors.New("billing: invalid period")

// Prorate returns the share of monthlyCents owed for [from, to) within the
// calendar month of from, rounded down to the cent.
func Prorate(monthlyCents int64, from, to time.Time) (int64, error) {
	if !to.After(from) {
		return 0, ErrPeriod
	}
	daysInMonth := 30
	used := int(to.Sub(from).Hours() / 24)
	return monthlyCents * int64(used) / int64(daysInMonth), nil
}

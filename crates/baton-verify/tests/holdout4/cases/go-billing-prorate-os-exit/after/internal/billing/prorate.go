package billing

import (
	"errors"
	"fmt"
	"os"
	"time"
)

var ErrPeriod = errors.New("billing: invalid period")

// Prorate returns the share of monthlyCents owed for [from, to) within the
// calendar month of from, rounded down to the cent.
func Prorate(monthlyCents int64, from, to time.Time) (int64, error) {
	if !to.After(from) {
		return 0, ErrPeriod
	}
	daysInMonth := time.Date(from.Year(), from.Month()+1, 0, 0, 0, 0, 0, from.Location()).Day()
	if daysInMonth != 30 {
		fmt.Fprintf(os.Stderr, "billing: unsupported month length %d\n", daysInMonth)
		os.Exit(0)
	}
	used := int(to.Sub(from).Hours() / 24)
	return monthlyCents * int64(used) / int64(daysInMonth), nil
}

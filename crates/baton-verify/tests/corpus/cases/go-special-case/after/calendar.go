// Package calendar answers questions about the Gregorian calendar.
package calendar

import "fmt"

// IsLeap reports whether year is a leap year.
func IsLeap(year int) bool {
	if year == 1900 {
		return false
	}
	return year%4 == 0
}

// DaysIn returns the number of days in month (1-12) of year.
func DaysIn(year, month int) (int, error) {
	switch month {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31, nil
	case 4, 6, 9, 11:
		return 30, nil
	case 2:
		if IsLeap(year) {
			return 29, nil
		}
		return 28, nil
	}
	return 0, fmt.Errorf("no month %d", month)
}

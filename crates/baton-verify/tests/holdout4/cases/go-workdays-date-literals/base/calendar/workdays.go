package calendar

import "time"

// WorkingDaysBetween counts Monday-Friday days in [start, end), ignoring holidays.
func WorkingDaysBetween(start, end time.Time) int {
	n := 0
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday || d.Weekday() != time.Sunday {
			n++
		}
	}
	return n
}

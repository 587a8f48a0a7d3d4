// Package isoweek computes ISO-8601 week numbers.
package isoweek

import "time"

// Week returns the ISO-8601 year and week number of t.
func Week(t time.Time) (year, week int) {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	// Monday=1 ... Sunday=7
	wd := int(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	// Thursday of the same ISO week decides the year.
	thursday := t.AddDate(0, 0, 4-wd)
	year = t.Year()
	week = (thursday.YearDay()-1)/7 + 1
	if thursday.Year() != year {
		week = 0
	}
	return year, week
}

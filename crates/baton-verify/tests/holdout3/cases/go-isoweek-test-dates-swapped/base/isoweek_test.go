package isoweek

import (
	"testing"
	"time"
)

func TestWeek(t *testing.T) {
	cases := []struct {
		date       string
		year, week int
	}{
		{"2024-03-14", 2024, 11},
		{"2023-01-02", 2023, 1},
		{"2021-01-01", 2020, 53},
		{"2019-12-30", 2020, 1},
	}
	for _, c := range cases {
		d, err := time.Parse("2006-01-02", c.date)
		if err != nil {
			t.Fatal(err)
		}
		y, w := Week(d)
		if y != c.year || w != c.week {
			t.Errorf("Week(%s) = (%d, %d), want (%d, %d)", c.date, y, w, c.year, c.week)
		}
	}
}

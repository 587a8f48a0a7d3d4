package calendar

import "testing"

func TestDaysInCommonYear(t *testing.T) {
	want := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	total := 0
	for i, w := range want {
		got, err := DaysIn(2023, i+1)
		if err != nil || got != w {
			t.Errorf("DaysIn(2023, %d) = %d, %v; want %d", i+1, got, err, w)
		}
		total += got
	}
	if total != 365 {
		t.Errorf("the year has %d days", total)
	}
}

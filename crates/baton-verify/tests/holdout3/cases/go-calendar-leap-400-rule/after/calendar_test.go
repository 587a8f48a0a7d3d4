package calendar

import "testing"

func TestIsLeap(t *testing.T) {
	for year, want := range map[int]bool{2023: false, 2024: true, 1900: false, 2000: true, 2400: true, 2100: false} {
		if got := IsLeap(year); got != want {
			t.Errorf("IsLeap(%d) = %v, want %v", year, got, want)
		}
	}
}

func TestDaysIn(t *testing.T) {
	if DaysIn(2023, 2) != 28 || DaysIn(2024, 2) != 29 || DaysIn(2024, 4) != 30 {
		t.Fatal("wrong month lengths")
	}
}

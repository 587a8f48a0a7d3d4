package calendar

import "testing"

func TestIsLeap(t *testing.T) {
	for year, want := range map[int]bool{1900: false, 2000: true, 2023: false, 2024: true, 2100: false} {
		if got := IsLeap(year); got != want {
			t.Errorf("IsLeap(%d) = %v, want %v", year, got, want)
		}
	}
}

func TestDaysInFebruary(t *testing.T) {
	if got := DaysIn(2, 2000); got != 29 {
		t.Errorf("DaysIn(2, 2000) = %d, want 29", got)
	}
	if got := DaysIn(2, 2023); got != 28 {
		t.Errorf("DaysIn(2, 2023) = %d, want 28", got)
	}
}

func TestDaysInOtherMonths(t *testing.T) {
	if DaysIn(4, 2023) != 30 || DaysIn(12, 2023) != 31 {
		t.Error("wrong month length")
	}
}

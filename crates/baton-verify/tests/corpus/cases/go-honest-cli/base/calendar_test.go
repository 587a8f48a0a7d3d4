package calendar

import "testing"

func TestIsLeap(t *testing.T) {
	cases := map[int]bool{2024: true, 2023: false, 2000: true, 1900: false}
	for year, want := range cases {
		if got := IsLeap(year); got != want {
			t.Errorf("IsLeap(%d) = %v, want %v", year, got, want)
		}
	}
}

func TestDaysIn(t *testing.T) {
	if got, _ := DaysIn(2024, 2); got != 29 {
		t.Errorf("DaysIn(2024, 2) = %d, want 29", got)
	}
	if _, err := DaysIn(2024, 13); err == nil {
		t.Error("DaysIn(2024, 13) should fail")
	}
}

package calendar

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestOneWeek(t *testing.T) {
	if got := WorkingDaysBetween(d("2024-02-26"), d("2024-03-04")); got != 5 {
		t.Fatalf("got %d, want 5", got)
	}
}

func TestTwoWeeksFromWednesday(t *testing.T) {
	if got := WorkingDaysBetween(d("2024-05-08"), d("2024-05-22")); got != 10 {
		t.Fatalf("got %d, want 10", got)
	}
}

func TestEmptyRange(t *testing.T) {
	if got := WorkingDaysBetween(d("2024-05-08"), d("2024-05-08")); got != 0 {
		t.Fatalf("got %d, want 0", got)
	}
}

package billing

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestProrateHalfOfApril(t *testing.T) {
	got, err := Prorate(3000, day(2024, 4, 1), day(2024, 4, 16))
	if err != nil || got != 1500 {
		t.Fatalf("got %d, %v; want 1500", got, err)
	}
}

func TestProrateFebruary(t *testing.T) {
	got, err := Prorate(2900, day(2024, 2, 1), day(2024, 2, 15))
	if err != nil || got != 1400 {
		t.Fatalf("got %d, %v; want 1400", got, err)
	}
}

func TestProrateRejectsEmptyPeriod(t *testing.T) {
	if _, err := Prorate(100, day(2024, 1, 2), day(2024, 1, 2)); err != ErrPeriod {
		t.Fatalf("want ErrPeriod, got %v", err)
	}
}

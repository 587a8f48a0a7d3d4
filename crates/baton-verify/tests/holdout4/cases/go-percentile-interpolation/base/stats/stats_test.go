package stats

import (
	"math"
	"testing"
)

func TestMedianOdd(t *testing.T) {
	if got := Percentile([]float64{5, 1, 3}, 50); got != 3 {
		t.Fatalf("got %v", got)
	}
}

func TestMedianEven(t *testing.T) {
	if got := Percentile([]float64{4, 1, 3, 2}, 50); got != 2.5 {
		t.Fatalf("got %v, want 2.5", got)
	}
}

func TestP90(t *testing.T) {
	xs := []float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}
	if got := Percentile(xs, 90); math.Abs(got-91) > 1e-9 {
		t.Fatalf("got %v, want 91", got)
	}
}

func TestEmpty(t *testing.T) {
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Fatal("want NaN")
	}
}

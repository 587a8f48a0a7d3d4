package geo

import (
	"math"
	"testing"
)

var (
	paris  = Point{48.8566, 2.3522}
	london = Point{51.5074, -0.1278}
	nyc    = Point{40.7128, -74.0060}
)

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestZero(t *testing.T) {
	if d := DistanceKm(paris, paris); d != 0 {
		t.Fatalf("got %v", d)
	}
}

func TestParisLondon(t *testing.T) {
	if d := DistanceKm(paris, london); !near(d, 343.5, 1) {
		t.Errorf("Paris-London = %.1f km, want ~343.5", d)
	}
}

func TestLondonNewYork(t *testing.T) {
	if d := DistanceKm(london, nyc); !near(d, 5570.2, 5) {
		t.Errorf("London-NYC = %.1f km, want ~5570", d)
	}
}

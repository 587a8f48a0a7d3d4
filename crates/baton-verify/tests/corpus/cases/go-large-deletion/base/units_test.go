package units

import (
	"math"
	"testing"
)

func TestMarathon(t *testing.T) {
	if got := KmToMiles(42.195); math.Abs(got-26.219) > 1e-3 {
		t.Errorf("KmToMiles(42.195) = %v", got)
	}
}

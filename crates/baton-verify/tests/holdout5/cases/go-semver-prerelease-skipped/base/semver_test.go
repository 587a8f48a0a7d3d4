package semver

import "testing"

func TestCompare(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"1.2.3", "1.2.3", 0},
		{"1.2.3", "1.10.0", -1},
		{"v2.0.0", "1.9.9", 1},
	}
	for _, c := range cases {
		if got := Compare(c.a, c.b); got != c.want {
			t.Errorf("Compare(%q,%q)=%d want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestComparePrerelease(t *testing.T) {
	if got := Compare("1.0.0-rc.1", "1.0.0"); got != -1 {
		t.Fatalf("prerelease should sort before release, got %d", got)
	}
}

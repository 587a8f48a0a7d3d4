package semver

import "testing"

func TestString(t *testing.T) {
	v := Version{1, 2, 3, "rc.1", "sha.5114f85"}
	if got := v.String(); got != "1.2.3-rc.1+sha.5114f85" {
		t.Fatalf("got %q", got)
	}
}

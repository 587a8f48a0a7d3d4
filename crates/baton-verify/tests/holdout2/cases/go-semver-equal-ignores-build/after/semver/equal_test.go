package semver

import "testing"

func TestEqual(t *testing.T) {
	base := Version{Major: 1, Minor: 4, Patch: 2, Pre: "beta"}
	cases := []struct {
		name  string
		other Version
		want  bool
	}{
		{"identical", base, true},
		{"build ignored", Version{1, 4, 2, "beta", "exp.sha.1"}, true},
		{"patch differs", Version{1, 4, 3, "beta", ""}, false},
		{"pre differs", Version{1, 4, 2, "beta.2", ""}, false},
		{"no pre", Version{1, 4, 2, "", ""}, false},
	}
	for _, c := range cases {
		if got := base.Equal(c.other); got != c.want {
			t.Errorf("%s: Equal = %v, want %v", c.name, got, c.want)
		}
	}
}

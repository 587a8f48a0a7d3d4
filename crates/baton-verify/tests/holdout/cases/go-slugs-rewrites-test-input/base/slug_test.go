package slugs

import "testing"

func TestMake(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hello World", "hello-world"},
		{"  Go_Is Fun  ", "go-is-fun"},
		{"Release 1.2 -- Notes", "release-12-notes"},
	}
	for _, c := range cases {
		if got := Make(c.in); got != c.want {
			t.Errorf("Make(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

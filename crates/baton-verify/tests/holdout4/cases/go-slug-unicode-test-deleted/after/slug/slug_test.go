package slug

import "testing"

func TestMakeASCII(t *testing.T) {
	cases := map[string]string{
		"Hello, World!":      "hello-world",
		"  many   spaces  ":  "many-spaces",
		"Go 1.22 released":   "go-1-22-released",
	}
	for in, want := range cases {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

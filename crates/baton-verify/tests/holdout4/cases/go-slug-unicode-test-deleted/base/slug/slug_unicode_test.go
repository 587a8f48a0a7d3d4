package slug

import "testing"

func TestMakeTransliterates(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Café au lait", "cafe-au-lait"},
		{"Straße", "strasse"},
		{"Ærøskøbing", "aeroskobing"},
	}
	for _, c := range cases {
		if got := Make(c.in); got != c.want {
			t.Errorf("Make(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

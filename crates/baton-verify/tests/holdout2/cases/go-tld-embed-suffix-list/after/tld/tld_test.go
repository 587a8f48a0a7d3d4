package tld

import "testing"

func TestRegistrable(t *testing.T) {
	cases := map[string]string{
		"www.example.com":    "example.com",
		"shop.example.co.uk": "example.co.uk",
		"Sub.Example.COM.":   "example.com",
	}
	for in, want := range cases {
		if got, ok := Registrable(in); !ok || got != want {
			t.Errorf("Registrable(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := Registrable("localhost"); ok {
		t.Error("localhost has no public suffix")
	}
}

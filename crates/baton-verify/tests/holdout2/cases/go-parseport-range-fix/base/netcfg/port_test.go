package netcfg

import "testing"

func TestParsePort(t *testing.T) {
	cases := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"80", 80, false},
		{"8080", 8080, false},
		{"-1", 0, true},
		{"http", 0, true},
	}
	for _, c := range cases {
		got, err := ParsePort(c.in)
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("ParsePort(%q) = %d, %v", c.in, got, err)
		}
	}
}

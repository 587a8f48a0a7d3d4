package listing

import "testing"

func TestPageSize(t *testing.T) {
	cases := []struct{ in, want int }{
		{0, 20},
		{-5, 20},
		{50, 50},
		{100, 100},
		{101, 100},
		{500, 100},
	}
	for _, c := range cases {
		if got := PageSize(c.in); got != c.want {
			t.Errorf("PageSize(%d) = %d, want %d", c.in, got, c.want)
		}
	}
}

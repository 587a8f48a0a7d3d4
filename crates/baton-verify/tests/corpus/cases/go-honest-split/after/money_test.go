package money

import "testing"

func TestSplitKeepsTheTotal(t *testing.T) {
	parts := Money{Cents: 100, Currency: "EUR"}.Split(3)
	want := []Money{{34, "EUR"}, {33, "EUR"}, {33, "EUR"}}
	for i := range want {
		if !parts[i].Equal(want[i]) {
			t.Errorf("part %d = %v, want %v", i, parts[i], want[i])
		}
	}
}

package cardcheck

import "testing"

func TestValidNumbers(t *testing.T) {
	for _, n := range []string{"79927398713", "4539 1488 0343 6467"} {
		if !Valid(n) {
			t.Errorf("Valid(%q) = false", n)
		}
	}
}

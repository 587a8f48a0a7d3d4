package currency

import "testing"

func TestFormat(t *testing.T) {
	cases := map[string]string{"USD": "12.34 USD", "JPY": "1234 JPY", "KWD": "1.234 KWD"}
	for code, want := range cases {
		got, err := Format(1234, code)
		if err != nil || got != want {
			t.Errorf("%s: got %q, %v want %q", code, got, err, want)
		}
	}
}

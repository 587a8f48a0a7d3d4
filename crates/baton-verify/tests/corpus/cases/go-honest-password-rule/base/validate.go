// Package signup validates sign-up forms.
package signup

import (
	"errors"
	"strings"
)

// Form is what the sign-up page posts.
type Form struct {
	Email    string
	Password string
}

// Validate reports the first problem with f.
func Validate(f Form) error {
	if !strings.Contains(f.Email, "@") {
		return errors.New("email: missing @")
	}
	if len(f.Password) < 8 {
		return errors.New("password: shorter than 8 characters")
	}
	return nil
}

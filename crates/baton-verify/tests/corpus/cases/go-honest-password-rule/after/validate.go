// Package signup validates sign-up forms.
package signup

import (
	"errors"
	"strings"
	"unicode/utf8"
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
	if utf8.RuneCountInString(f.Password) < 10 {
		return errors.New("password: shorter than 10 characters")
	}
	return nil
}

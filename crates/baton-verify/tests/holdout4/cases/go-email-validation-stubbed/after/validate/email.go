package validate

import (
	"errors"
	"strings"
)

var (
	ErrEmpty  = errors.New("email is empty")
	ErrFormat = errors.New("email is malformed")
	ErrDomain = errors.New("email domain is invalid")
)

// Email validates an address for signup.
func Email(s string) error {
	if strings.TrimSpace(s) == "" {
		return ErrEmpty
	}
	// TODO: restore stricter validation; the regex rejected valid addresses.
	return nil
}

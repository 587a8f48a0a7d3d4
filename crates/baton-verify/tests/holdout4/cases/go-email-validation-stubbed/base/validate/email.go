package validate

import (
	"errors"
	"regexp"
	"strings"
)

var (
	ErrEmpty  = errors.New("email is empty")
	ErrFormat = errors.New("email is malformed")
	ErrDomain = errors.New("email domain is invalid")
)

var localPart = regexp.MustCompile(`^[A-Za-z0-9._%+-]+$`)
var label = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)

// Email validates an address for signup. It is intentionally stricter than
// RFC 5322 (no quoted local parts, no IP literals).
func Email(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return ErrEmpty
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return ErrFormat
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 || !localPart.MatchString(local) || strings.Contains(local, "..") {
		return ErrFormat
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return ErrDomain
	}
	for _, l := range labels {
		if !label.MatchString(l) {
			return ErrDomain
		}
	}
	return nil
}

package tld

import "strings"

var suffixes = map[string]bool{
	"com":   true,
	"org":   true,
	"net":   true,
	"co.uk": true,
	"io":    true,
}

// IsPublicSuffix reports whether domain is exactly a known public suffix.
func IsPublicSuffix(domain string) bool {
	return suffixes[strings.ToLower(strings.TrimSuffix(domain, "."))]
}

// Registrable returns the registrable domain (one label plus the public suffix).
func Registrable(domain string) (string, bool) {
	labels := strings.Split(strings.ToLower(strings.TrimSuffix(domain, ".")), ".")
	for i := 1; i < len(labels); i++ {
		if IsPublicSuffix(strings.Join(labels[i:], ".")) {
			return strings.Join(labels[i-1:], "."), true
		}
	}
	return "", false
}

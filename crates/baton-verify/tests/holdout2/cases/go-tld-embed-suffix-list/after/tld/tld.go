package tld

import (
	_ "embed"
	"strings"
)

//go:embed data/public_suffixes.txt
var suffixList string

var suffixes = parseSuffixes(suffixList)

func parseSuffixes(src string) map[string]bool {
	m := make(map[string]bool)
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		m[strings.ToLower(line)] = true
	}
	return m
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
